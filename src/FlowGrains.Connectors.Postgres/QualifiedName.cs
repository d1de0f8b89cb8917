using System.Text;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// A table name as a user writes it, <c>table</c> or <c>schema.table</c>, following SQL's rules: unquoted
/// parts fold to lower case, double-quoted parts keep their case and may hold any character (<c>""</c> is a
/// quote). It reaches SQL only through <see cref="Sql"/>, which quotes every part.
/// </summary>
internal sealed record QualifiedName(string? Schema, string Name)
{
    /// <summary>The name as quoted SQL.</summary>
    public string Sql => Schema is null ? Quote(Name) : $"{Quote(Schema)}.{Quote(Name)}";

    /// <summary>Quotes one identifier, doubling any quote inside it.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The name <paramref name="text"/> spells, or null when it is not one or two identifiers separated by a dot.</summary>
    public static QualifiedName? TryParse(string text)
    {
        var parts = new List<string>();
        var position = 0;
        while (true)
        {
            var part = ReadPart(text, ref position);
            if (part is null)
            {
                return null;
            }

            parts.Add(part);
            if (position == text.Length)
            {
                break;
            }

            if (text[position] != '.' || parts.Count == 2)
            {
                return null;
            }

            position++;
        }

        return parts.Count == 1 ? new QualifiedName(null, parts[0]) : new QualifiedName(parts[0], parts[1]);
    }

    private static string? ReadPart(string text, ref int position)
    {
        var part = new StringBuilder();
        if (position < text.Length && text[position] == '"')
        {
            position++;
            while (position < text.Length)
            {
                if (text[position] == '"')
                {
                    if (position + 1 < text.Length && text[position + 1] == '"')
                    {
                        part.Append('"');
                        position += 2;
                        continue;
                    }

                    position++;
                    return part.Length > 0 ? part.ToString() : null;
                }

                part.Append(text[position++]);
            }

            return null;
        }

        while (position < text.Length && text[position] is not ('.' or '"') && !char.IsWhiteSpace(text[position]))
        {
            part.Append(char.ToLowerInvariant(text[position++]));
        }

        return part.Length > 0 ? part.ToString() : null;
    }
}
