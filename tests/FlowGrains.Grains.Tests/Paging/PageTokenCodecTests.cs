using FlowGrains.Errors;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Paging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlowGrains.Grains.Tests.Paging;

/// <summary>The pagination key has no public default: without one, each process signs with its own random key.</summary>
public sealed class PageTokenCodecTests
{
    private static PageTokenCodec Codec(string? key) =>
        new(Options.Create(new FlowGrainsOptions { PaginationKey = key }), NullLogger<PageTokenCodec>.Instance);

    [Fact]
    public void WithoutAKey_TokensRoundTripInTheProcess_ButAnotherProcessRefusesThem()
    {
        var codec = Codec(null);
        var token = codec.Encode("flows", "42");

        var error = Assert.Throws<FlowOperationException>(() => Codec(null).Decode("flows", token));

        Assert.Equal("42", codec.Decode("flows", token));
        Assert.Equal("nextToken: is not a token this listing issued.", error.Message);
    }

    [Fact]
    public void TheFormerPublicDefault_IsNoLongerTheKey()
    {
        var forged = Codec("flowgrains-development-pagination-key").Encode("flows", "0");

        var error = Assert.Throws<FlowOperationException>(() => Codec(null).Decode("flows", forged));

        Assert.Equal(FlowErrorCode.ValidationError, error.Code);
    }

    [Fact]
    public void SiloesSharingAConfiguredKey_ReadEachOthersTokens() =>
        Assert.Equal("7", Codec("shared-key-of-sixteen").Decode("flows", Codec("shared-key-of-sixteen").Encode("flows", "7")));
}
