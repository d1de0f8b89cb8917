using System.Net;
using System.Text.RegularExpressions;
using FlowGrains.Console.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FlowGrains.Console.Tests;

/// <summary>The console in a real browser against a real host with keys on, as its users sign in and click.</summary>
[Collection(ConsoleHostCollection.Name)]
public sealed class ConsoleTests(ConsoleHostFixture fixture, ITestOutputHelper output)
{
    private const string KeyStorage = "flowgrains.console.key";

    // A run of two records on a loaded CI machine: generous, and named in the failure.
    private static readonly LocatorAssertionsToContainTextOptions RunPatience = new() { Timeout = 60_000 };

    [Fact]
    public async Task Operator_StartsAFlowFromTheConsole_AndSeesTheRunSucceedInHistoryAndChart()
    {
        var flowName = NewFlowName();
        var (id, secret) = await fixture.CreateOperatorKeyAsync();
        await fixture.CreateOrdersFlowAsync(flowName);
        var page = await SignedInPageAsync(id, secret);

        await page.GetByRole(AriaRole.Link, new() { Name = flowName, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = flowName, Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#no-runs")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();

        var newest = page.Locator("#run-rows tr").First;
        await Expect(newest).ToContainTextAsync("Successful", RunPatience);
        var run = Assert.Single(await fixture.RunsAsync(flowName))!;
        var executionId = run["executionId"]!.GetValue<string>();
        Assert.Equal("Successful", run["executionStatus"]!.GetValue<string>());
        Assert.Equal(2, run["executionResult"]!["recordsProcessed"]!.GetValue<long>());
        await Expect(newest).ToHaveAttributeAsync("data-execution-id", executionId);
        await Expect(newest.Locator("td").Nth(2)).ToHaveTextAsync("2");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Started run {executionId}.");
        var bar = page.Locator($"#run-chart rect[data-execution-id='{executionId}']");
        await Expect(bar).ToHaveAttributeAsync("data-records", "2");
        await Expect(bar).ToHaveClassAsync(new Regex(@"\bstatus-Successful\b"));
        await Expect(page.Locator("#flow-definition")).ToContainTextAsync($"\"path\": \"{flowName}-in\"");

        // The key lives in this tab's sessionStorage only.
        Assert.Equal($"{id}:{secret}", await page.EvaluateAsync<string?>($"sessionStorage.getItem('{KeyStorage}')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("localStorage.length"));

        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "console.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot });
        output.WriteLine($"Console screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 0, $"No screenshot at {screenshot}");
    }

    [Fact]
    public async Task Reader_PressingStart_SeesTheRefusalAndNoRunStarts()
    {
        var flowName = NewFlowName();
        await fixture.CreateOrdersFlowAsync(flowName);
        var page = await SignedInPageAsync(ConsoleHostFixture.ReaderId, ConsoleHostFixture.ReaderSecret);
        await page.GotoAsync($"{fixture.ConsoleUrl}#/flows/{flowName}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = flowName, Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            $"ACCESS_DENIED: Key '{ConsoleHostFixture.ReaderId}' has role Reader; /start-flow needs Operator.");
        await Expect(page.Locator("#no-runs")).ToBeVisibleAsync();
        Assert.Empty(await fixture.RunsAsync(flowName));
    }

    [Fact]
    public async Task SignIn_WithAnUnknownKey_ShowsTheRefusalAndKeepsNoKey()
    {
        var page = await SignedInPageAsync("AKNOSUCHKEY0000001", "not-a-secret-0123456789", expectSignedIn: false);

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("UNAUTHENTICATED: UnrecognizedClientException");
        await Expect(page.GetByLabel("Access key id")).ToBeVisibleAsync();
        await Expect(page.Locator("#flows")).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<string?>($"sessionStorage.getItem('{KeyStorage}')"));
    }

    [Fact]
    public async Task InlineScript_InjectedIntoTheConsole_DoesNotRun()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(fixture.ConsoleUrl);
        // The console's own module ran: it showed the sign-in form.
        await Expect(page.GetByLabel("Access key id")).ToBeVisibleAsync();

        IConsoleMessage refusal;
        try
        {
            refusal = await page.RunAndWaitForConsoleMessageAsync(
                () => page.EvaluateAsync("""
                    () => { const s = document.createElement('script'); s.textContent = 'window.injected = true'; document.body.append(s); }
                    """),
                new() { Predicate = message => message.Text.Contains("Content Security Policy", StringComparison.Ordinal), Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail("The browser logged no Content-Security-Policy refusal of the injected inline script within 10 s.");
            throw;
        }

        Assert.Contains("script-src 'self'", refusal.Text);
        Assert.False(await page.EvaluateAsync<bool>("window.injected === true"));
    }

    [Fact]
    public async Task ConsoleFiles_AreServedWithoutAKey_WhileTheApiItCallsNeedsOne()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.Client.BaseAddress };

        using var page = await anonymous.GetAsync("/console/");
        using var script = await anonymous.GetAsync("/console/console.js");
        using var bare = await anonymous.GetAsync("/console");
        using var api = await anonymous.PostAsync("/list-flows", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Equal(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        Assert.Equal("/console/", bare.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task WithKeysOff_TheConsoleListsFlowsWithoutSigningIn()
    {
        var dataRoot = Directory.CreateTempSubdirectory("flowgrains-console-open-").FullName;
        await using var open = await ConsoleHostFixture.StartHostAsync(dataRoot, new Dictionary<string, string> { ["FlowGrains__Auth__Mode"] = "None" });
        using var anonymous = new HttpClient { BaseAddress = open.Client.BaseAddress };
        var flowName = NewFlowName();
        using var created = await anonymous.PostAsync("/create-flow", new StringContent($$"""
            {"flowName":"{{flowName}}","triggerConfig":{"triggerType":"Event"},
             "sourceFlowConfig":{"connectorType":"EventPayload","sourceConnectorProperties":{"EventPayload":{} } },
             "destinationFlowConfigList":[{"connectorType":"LocalFolder","destinationConnectorProperties":{"LocalFolder":{"path":"out","fileType":"JSON"} } }],"tasks":[]}
            """, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var page = await NewPageAsync();

        await page.GotoAsync($"http://127.0.0.1:{open.HttpPort}/console/");

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = flowName, Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#key-name")).ToHaveTextAsync("Keys are off on this host");
        await Expect(page.Locator("#sign-in")).ToBeHiddenAsync();
        await Expect(page.Locator("#sign-out")).ToBeHiddenAsync();
        Directory.Delete(dataRoot, recursive: true);
    }

    private static string NewFlowName() => $"console_{Guid.NewGuid():N}"[..24];

    private async Task<IPage> NewPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>Opens the console in a fresh tab and signs in through its form.</summary>
    private async Task<IPage> SignedInPageAsync(string id, string secret, bool expectSignedIn = true)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(fixture.ConsoleUrl);
        await page.GetByLabel("Access key id").FillAsync(id);
        await page.GetByLabel("Secret").FillAsync(secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (expectSignedIn)
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Flows" })).ToBeVisibleAsync();
            await Expect(page.Locator("#key-name")).ToHaveTextAsync($"Key {id}");
        }

        return page;
    }
}
