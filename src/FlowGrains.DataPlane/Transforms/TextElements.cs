using System.Globalization;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>Counts and cuts strings by text element, so masking and truncating never split a surrogate pair or a combined character.</summary>
internal static class TextElements
{
    public static int Count(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i += StringInfo.GetNextTextElementLength(text, i))
        {
            count++;
        }

        return count;
    }

    /// <summary>The UTF-16 index where text element <paramref name="elements"/> starts (the length when there are fewer).</summary>
    public static int IndexAfter(string text, int elements)
    {
        var index = 0;
        for (var n = 0; n < elements && index < text.Length; n++)
        {
            index += StringInfo.GetNextTextElementLength(text, index);
        }

        return index;
    }
}
