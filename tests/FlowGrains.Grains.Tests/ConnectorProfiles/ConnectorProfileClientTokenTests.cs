using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.Errors;
using FlowGrains.Grains.Tests.Infrastructure;
using TestFlows = FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.ConnectorProfiles;

/// <summary>
/// clientToken on create- and update-connector-profile: a retry within 8 hours answers the first result and changes
/// nothing; the same token with another request is CLIENT_TOKEN_MISMATCH; after 8 hours the token is forgotten.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ConnectorProfileClientTokenTests(ClusterFixture fixture)
{
    private static ConnectorProfileConfig Config(string password) => new(TestFlows.Map(("host", "db.local")), TestFlows.Map(("password", password)));

    private static CreateConnectorProfileRequest Create(string clientToken, string password = "pw-1") =>
        new(TestConnector.TypeName, "Public", Config(password), ClientToken: clientToken);

    private static UpdateConnectorProfileRequest Update(string clientToken, string password = "pw-2") => new("Private", Config(password), clientToken);

    private (IConnectorProfileGrain Grain, string Arn) NewProfile()
    {
        var name = $"p-{Guid.NewGuid():N}";
        return (fixture.Grains.GetGrain<IConnectorProfileGrain>(name), $"arn:aws:appflow:local:000000000000:connectorprofile/{name}");
    }

    private static async Task AssertRefusedAsync(Func<Task> call, FlowErrorCode code, string message)
    {
        var error = await Assert.ThrowsAsync<FlowOperationException>(call);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task CreateRetriedWithItsToken_AnswersTheSameArn_AndChangesNothing()
    {
        var (profile, arn) = NewProfile();
        var first = await profile.CreateConnectorProfileAsync(Create("create-1"));
        var createdAt = (await profile.DescribeConnectorProfileAsync())!.LastUpdatedAt;
        fixture.Time.Advance(TimeSpan.FromMinutes(1));

        var retry = await profile.CreateConnectorProfileAsync(Create("create-1"));

        Assert.Equal(arn, first.ConnectorProfileArn);
        Assert.Equal(first, retry);
        Assert.Equal(createdAt, (await profile.DescribeConnectorProfileAsync())!.LastUpdatedAt);
    }

    [Fact]
    public async Task CreateWithTheSameTokenAndOtherCredentials_IsClientTokenMismatch()
    {
        var (profile, _) = NewProfile();
        await profile.CreateConnectorProfileAsync(Create("create-2"));

        await AssertRefusedAsync(
            () => profile.CreateConnectorProfileAsync(Create("create-2", password: "other")),
            FlowErrorCode.ClientTokenMismatch,
            "clientToken 'create-2' was already used with a different create-connector-profile request.");
    }

    [Fact]
    public async Task CreateWithANewToken_OfAProfileThatExists_IsConflict()
    {
        var (profile, _) = NewProfile();
        await profile.CreateConnectorProfileAsync(Create("create-3"));

        await AssertRefusedAsync(
            () => profile.CreateConnectorProfileAsync(Create("create-3b")),
            FlowErrorCode.Conflict,
            $"Connector profile '{profile.GetPrimaryKeyString()}' already exists.");
    }

    [Fact]
    public async Task CreateToken_IsStillKnownJustBeforeEightHours()
    {
        var (profile, arn) = NewProfile();
        await profile.CreateConnectorProfileAsync(Create("create-4"));
        fixture.Time.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));

        var retry = await profile.CreateConnectorProfileAsync(Create("create-4"));

        Assert.Equal(arn, retry.ConnectorProfileArn);
    }

    [Fact]
    public async Task CreateToken_IsForgottenAfterEightHours_SoTheRetryIsConflict()
    {
        var (profile, _) = NewProfile();
        await profile.CreateConnectorProfileAsync(Create("create-5"));
        fixture.Time.Advance(TimeSpan.FromHours(8));

        await AssertRefusedAsync(
            () => profile.CreateConnectorProfileAsync(Create("create-5")),
            FlowErrorCode.Conflict,
            $"Connector profile '{profile.GetPrimaryKeyString()}' already exists.");
    }

    [Fact]
    public async Task UpdateRetriedWithItsToken_DoesNotChangeLastUpdatedAt()
    {
        var (profile, arn) = NewProfile();
        await profile.CreateConnectorProfileAsync(Create("create-6"));
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        await profile.UpdateConnectorProfileAsync(Update("update-6"));
        var updatedAt = (await profile.DescribeConnectorProfileAsync())!.LastUpdatedAt;
        fixture.Time.Advance(TimeSpan.FromMinutes(1));

        var retry = await profile.UpdateConnectorProfileAsync(Update("update-6"));

        Assert.Equal(arn, retry.ConnectorProfileArn);
        Assert.Equal(updatedAt, (await profile.DescribeConnectorProfileAsync())!.LastUpdatedAt);
    }

    [Fact]
    public async Task UpdateWithTheSameTokenAndOtherCredentials_IsClientTokenMismatch()
    {
        var (profile, _) = NewProfile();
        await profile.CreateConnectorProfileAsync(Create("create-7"));
        await profile.UpdateConnectorProfileAsync(Update("update-7"));

        await AssertRefusedAsync(
            () => profile.UpdateConnectorProfileAsync(Update("update-7", password: "pw-3")),
            FlowErrorCode.ClientTokenMismatch,
            "clientToken 'update-7' was already used with a different update-connector-profile request.");
    }

    [Fact]
    public async Task ACreateToken_SentWithAnUpdate_IsANewUpdate()
    {
        var (profile, _) = NewProfile();
        await profile.CreateConnectorProfileAsync(Create("shared-8"));
        fixture.Time.Advance(TimeSpan.FromMinutes(1));

        await profile.UpdateConnectorProfileAsync(Update("shared-8"));

        var described = (await profile.DescribeConnectorProfileAsync())!;
        Assert.Equal("Private", described.ConnectionMode);
        Assert.Equal(fixture.Time.GetUtcNow(), described.LastUpdatedAt);
    }
}
