namespace Refunds.ReadmeTests;

/// <summary>How the README test reads blocks and compares outputs: the parts that decide whether it can fail.</summary>
public sealed class ReadmeDocumentTests
{
    private const string Markdown = """
        # Title

        ## Run it

        ```bash
        echo one
        ```

        Prose in between.

        ```text
        one
        ```

        ```sh
        func start
        ```

        ```text
        not the output of anything
        ```

        ### Silent

        ```bash
        X=1
        ```
        """;

    [Fact]
    public void Parse_BashBlocksAndTheTextUnderThem_InOrderWithExpectedOutputs()
    {
        var blocks = ReadmeDocument.Parse(Markdown).Blocks;

        Assert.Equal(2, blocks.Count);
        Assert.Equal(("Run it", "echo one"), (blocks[0].Section, blocks[0].Script));
        Assert.Equal(["one"], blocks[0].ExpectedOutput);
        Assert.Equal(("Silent", "X=1"), (blocks[1].Section, blocks[1].Script));
        Assert.Empty(blocks[1].ExpectedOutput);
        Assert.Equal(6, blocks[0].Line);
    }

    [Fact]
    public void Parse_UnclosedFence_Throws()
    {
        Assert.Throws<FormatException>(() => ReadmeDocument.Parse("```bash\necho one\n"));
    }

    [Fact]
    public void Compare_SameLinesWithAnIdElided_Matches()
    {
        var block = Block("202 rf_…", "Completed stripe=succeeded");

        Assert.Null(block.Compare(["202 rf_01a23d97bb7976df9e043a4718a6b768", "", "Completed stripe=succeeded  "]));
    }

    [Fact]
    public void Compare_DifferentLine_NamesTheLineAndBothTexts()
    {
        var block = Block("202 rf_…", "Completed stripe=succeeded");

        var difference = block.Compare(["202 rf_1", "Waiting stripe=none"]);

        Assert.Equal("output line 2: the README says \"Completed stripe=succeeded\", the run printed \"Waiting stripe=none\"", difference);
    }

    [Fact]
    public void Compare_MoreOrFewerLines_Differs()
    {
        var block = Block("201");

        Assert.NotNull(block.Compare(["201", "201"]));
        Assert.NotNull(block.Compare([]));
        Assert.NotNull(Block().Compare(["unexpected"]));
    }

    [Theory]
    [InlineData("202 rf_…", "409 payment_already_refunded")]
    [InlineData("Reversed", "Reversed, reversed 2 time(s)")]
    [InlineData("4200 usd succeeded", "1000000 usd succeeded")]
    [InlineData("a.c", "abc")]
    public void Matches_TextThatOnlyLooksAlike_DoesNotMatch(string expected, string actual)
    {
        Assert.False(ReadmeBlock.Matches(expected, actual));
    }

    private static ReadmeBlock Block(params string[] expected) => new(0, "s", 1, "true", expected);
}
