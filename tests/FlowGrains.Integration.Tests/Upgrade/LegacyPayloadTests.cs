using System.Net;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Postgres.Upgrade.Legacy;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace FlowGrains.Integration.Tests.Upgrade;

/// <summary>
/// The legacy copies read payloads that the previous version's own types wrote (captured from them before they were
/// removed): a token outcome, and a run page with a finished and a pending run, its token and its silo.
/// </summary>
public sealed class LegacyPayloadTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // FlowGrains.Grains.Tokens.ClientTokenRecord("fp-1", At, StartFlowResult(..., "run-2")).
    private const string TokenPayload =
        "20400966702D31218000208C108A77DE08810000000000000000E03101140D743435466C6F77477261696E732E5374617274" +
        "466C6F77526573756C74401F61726E3A666C6F772F6F7264657273218000208C108A77DE08810000000000000000E0410D6F" +
        "7264657273C10F090301410B72756E2D32E8E0E8E0";

    // FlowGrains.Grains.Executions.ExecutionPage: run-1 (Error, ErrorInfo(4, "boom")), run-2 (InProgress) pending with its
    // spec, silo 127.0.0.1:11111@7, token "orders/life-1/start/abc" and one resume; one TokenExpiry.
    private const string PagePayload =
        "2020000521400B72756E2D31090309218000208C108A77DE08810000000000000000E0218000664F348A77DE088100000000" +
        "00000000E02100050109010D2100114109626F6F6DE8E0E8E0C101C101E8E020400B72756E2D32090301218000208C108A77" +
        "DE08810000000000000000E0218000208C108A77DE08810000000000000000E021000101010101C101E8E0C101C101E8E0E0" +
        "21000321402F6F72646572732F6C6966652D312F73746172742F61626321800060AF1ECD77DE08810000000000000000E0E8" +
        "E0E0213001312CD42E1D537472696E67436F6D706172657200030101E00103C12F20E820400D6F7264657273410D6C696665" +
        "2D31C12F01012120080301C101E8E02140174C6F63616C466F6C6465722120E0C101C101E0C101C101E8E02120E0E02120E0" +
        "E0C101C101E8E0C17FC101C101E8E02140097F000001019EAD011DE021E8C05321400966702D31218000208C108A77DE0881" +
        "0000000000000000E03101140D743435466C6F77477261696E732E5374617274466C6F77526573756C74401F61726E3A666C" +
        "6F772F6F7264657273218000208C108A77DE08810000000000000000E0C16BC1B5090301C12FE8E0E8E0E00105E0E0E0";

    [Fact]
    public void TokenPayload_OfThePreviousVersion_ReadsAsTheLegacyRecord()
    {
        var record = Read<ClientTokenRecord>(TokenPayload);

        Assert.Equal(("fp-1", At), (record.Fingerprint, record.AcceptedAt));
        Assert.Equal(new StartFlowResult("arn:flow/orders", At, "orders", "arn:flow/orders", FlowStatus.Active, "run-2"), record.Result);
    }

    [Fact]
    public void PagePayload_OfThePreviousVersion_ReadsAsTheLegacyPage()
    {
        var page = Read<ExecutionPage>(PagePayload);

        Assert.Equal(
            [new ExecutionRecord("run-1", ExecutionStatus.Error, At, At.AddMinutes(1), new ExecutionResult(1, 2, 3, new ErrorInfo(4, "boom"))),
             new ExecutionRecord("run-2", ExecutionStatus.InProgress, At, At, ExecutionResult.Empty)],
            page.Records);
        Assert.Equal([new TokenExpiry("orders/life-1/start/abc", At.AddHours(8))], page.Tokens);
        var pending = page.Pending["run-2"];
        Assert.Equal(("orders", "life-1", "run-2", 1), (pending.Spec.FlowName, pending.Spec.Incarnation, pending.Spec.ExecutionId, pending.Resumes));
        Assert.Equal(SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 7), pending.LaunchedBy);
        Assert.Equal(("orders/life-1/start/abc", "fp-1"), (pending.Token!.Key, pending.Token.Outcome.Fingerprint));
    }

    private static T Read<T>(string payload)
    {
        using var services = new ServiceCollection()
            .AddSerializer(builder => builder
                .AddAssembly(typeof(ExecutionRecord).Assembly)
                .AddAssembly(typeof(Grains.Executions.RunSpec).Assembly)
                .AddAssembly(typeof(ExecutionPage).Assembly))
            .BuildServiceProvider();
        return services.GetRequiredService<Serializer>().Deserialize<T>(Convert.FromHexString(payload))!;
    }
}
