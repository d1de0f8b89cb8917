using Microsoft.Playwright;

namespace FlowGrains.Console.Tests.Infrastructure;

/// <summary>
/// Debian's chromium, driven by Playwright. Playwright cannot download its own browsers here, so the tests use the
/// distribution's, and fail (never skip) when it is missing.
/// </summary>
public static class ConsoleBrowser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The console tests need Debian's chromium at {ChromiumPath}: apt-get install chromium (.ci/run installs it).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
        return (playwright, browser);
    }
}
