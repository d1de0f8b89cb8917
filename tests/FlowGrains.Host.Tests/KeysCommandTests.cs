using System.Text.RegularExpressions;
using FlowGrains.Host.Hosting;

namespace FlowGrains.Host.Tests;

/// <summary><c>keys create --role R</c>: the first key of a cluster, printed as the configuration every host takes.</summary>
public sealed class KeysCommandTests
{
    [Fact]
    public void KeysCreate_PrintsANewKeyOfTheRole_AsHostConfiguration()
    {
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exitCode = KeysCommand.Run(["create", "--role", "Admin"], output, errors);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, errors.ToString());
        var settings = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        Assert.Equal(["FlowGrains__Auth__Keys__0__Id", "FlowGrains__Auth__Keys__0__Role", "FlowGrains__Auth__Keys__0__Secret"], settings.Keys.Order());
        Assert.Matches(new Regex("^AKFG[A-Z2-7]{16}$"), settings["FlowGrains__Auth__Keys__0__Id"]);
        Assert.Equal(40, settings["FlowGrains__Auth__Keys__0__Secret"].Length);
        Assert.Equal("Admin", settings["FlowGrains__Auth__Keys__0__Role"]);
    }

    [Fact]
    public void KeysCreate_MakesADifferentKeyEachTime()
    {
        var (first, second) = (new StringWriter(), new StringWriter());

        KeysCommand.Run(["create", "--role", "Reader"], first, TextWriter.Null);
        KeysCommand.Run(["create", "--role", "Reader"], second, TextWriter.Null);

        Assert.NotEqual(first.ToString(), second.ToString());
    }

    [Theory]
    [InlineData("create", "--role", "Boss")]
    [InlineData("create", "--role", "1")]
    [InlineData("create", "--role", "admin")]
    [InlineData("list", "--role", "Admin")]
    public void KeysCreate_WithAnythingButAKnownRole_PrintsUsageAndNoKey(params string[] args)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exitCode = KeysCommand.Run(args, output, errors);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output.ToString());
        Assert.Equal("Usage: keys create --role Reader|Operator|Admin", errors.ToString().Trim());
    }
}
