using FlowGrains.Errors;
using FlowGrains.Grains.AccessKeys;
using FlowGrains.Host.Apis.Requests;
using FlowGrains.Host.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowGrains.Host.Apis;

/// <summary>
/// FlowGrains' own key operations, for Admins: create a key (its secret is shown once), list keys (never a
/// secret) and revoke one, which every host then refuses within 5 seconds.
/// </summary>
internal static class AccessKeysApi
{
    private const string Json = "application/json";

    public static IEndpointRouteBuilder MapAccessKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup(string.Empty).WithTags("Access keys").ProducesEnvelopeErrors();
        keys.MapPost("/create-access-key", CreateAccessKey).Accepts<CreateAccessKeyBody>(Json).RequireRole(AccessRole.Admin);
        keys.MapPost("/list-access-keys", ListAccessKeys).Accepts<ListAccessKeysBody>(Json).RequireRole(AccessRole.Admin);
        keys.MapPost("/revoke-access-key", RevokeAccessKey).Accepts<RevokeAccessKeyBody>(Json).RequireRole(AccessRole.Admin);
        return app;
    }

    public static async Task<Ok<ApiEnvelope<CreatedAccessKey>>> CreateAccessKey(HttpRequest request, IGrainFactory grains) =>
        TypedResults.Ok(ApiEnvelope.Ok(await CreateAccessKeyAsync(await RequestBody.ReadAsync<CreateAccessKeyBody>(request), grains)));

    /// <summary>CreateAccessKey, whichever wire asked.</summary>
    public static async Task<CreatedAccessKey> CreateAccessKeyAsync(CreateAccessKeyBody body, IGrainFactory grains)
    {
        if (!Enum.TryParse<AccessRole>(body.Role, ignoreCase: false, out var role) || !Enum.IsDefined(role) || body.Role!.Any(char.IsDigit))
        {
            throw FlowOperationException.Invalid("role", "must be Reader, Operator or Admin.");
        }

        return await grains.GetGrain<IAccessKeyRegistryGrain>(0).CreateAsync(role.ToString());
    }

    public static async Task<Ok<ApiEnvelope<AccessKeyList>>> ListAccessKeys(HttpRequest request, IGrainFactory grains, AccessKeys keys)
    {
        await RequestBody.ReadAsync<ListAccessKeysBody>(request);
        return TypedResults.Ok(ApiEnvelope.Ok(await ListAccessKeysAsync(grains, keys)));
    }

    /// <summary>ListAccessKeys, whichever wire asked.</summary>
    public static async Task<AccessKeyList> ListAccessKeysAsync(IGrainFactory grains, AccessKeys keys)
    {
        var created = await grains.GetGrain<IAccessKeyRegistryGrain>(0).ListAsync();
        var configured = keys.Configured.Select(key => new AccessKeyListEntry(key.Id, key.Role.ToString(), "configuration", null, null));
        return new AccessKeyList([.. configured, .. created.Select(key => new AccessKeyListEntry(key.AccessKeyId, key.Role, "cluster", key.CreatedAt, key.RevokedAt))]);
    }

    public static async Task<Ok<ApiEnvelope<object>>> RevokeAccessKey(HttpRequest request, IGrainFactory grains, AccessKeys keys)
    {
        await RevokeAccessKeyAsync(await RequestBody.ReadAsync<RevokeAccessKeyBody>(request), grains, keys);
        return TypedResults.Ok(ApiEnvelope.Ok<object>(new { }));
    }

    /// <summary>RevokeAccessKey, whichever wire asked.</summary>
    public static async Task RevokeAccessKeyAsync(RevokeAccessKeyBody body, IGrainFactory grains, AccessKeys keys)
    {
        if (string.IsNullOrEmpty(body.AccessKeyId))
        {
            throw FlowOperationException.Invalid("accessKeyId", "is required.");
        }

        if (keys.Configured.Any(key => key.Id == body.AccessKeyId))
        {
            throw FlowOperationException.Invalid("accessKeyId", "names a key set in configuration; remove it there and restart the hosts.");
        }

        if (!await grains.GetGrain<IAccessKeyRegistryGrain>(0).RevokeAsync(body.AccessKeyId))
        {
            throw new FlowOperationException(FlowErrorCode.NotFound, $"Access key '{body.AccessKeyId}' does not exist.");
        }

        keys.Forget(body.AccessKeyId);
    }
}

/// <summary>The keys of /list-access-keys: where each comes from, its role and, for cluster keys, when it was created and revoked.</summary>
public sealed record AccessKeyList(IReadOnlyList<AccessKeyListEntry> AccessKeys);

public sealed record AccessKeyListEntry(string AccessKeyId, string Role, string Source, DateTimeOffset? CreatedAt, DateTimeOffset? RevokedAt);
