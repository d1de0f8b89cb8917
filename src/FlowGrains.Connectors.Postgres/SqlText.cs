namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// Just enough of PostgreSQL's lexical rules (comments, quoted strings and identifiers, dollar quoting) to
/// tell whether a query is one statement and which keyword starts it. A user's query is wrapped in a
/// subquery and run in a read-only transaction; refusing a second statement stops it from ending that
/// transaction and running something after it.
/// </summary>
internal static class SqlText
{
    /// <summary>
    /// <paramref name="sql"/> without its trailing semicolon, or null when it holds more than one statement
    /// or an unterminated string, identifier or comment.
    /// </summary>
    public static string? SingleStatement(string sql)
    {
        int? end = null;
        var position = 0;
        while (position < sql.Length)
        {
            var start = position;
            if (!Skip(sql, ref position))
            {
                return null;
            }

            if (position > start)
            {
                // Only comments may follow the statement's semicolon.
                if (end is not null && sql[start] is not ('-' or '/'))
                {
                    return null;
                }

                continue;
            }

            if (sql[position] == ';')
            {
                end ??= position;
            }
            else if (!char.IsWhiteSpace(sql[position]) && end is not null)
            {
                return null;
            }

            position++;
        }

        return sql[..(end ?? sql.Length)].TrimEnd();
    }

    /// <summary>The first keyword of <paramref name="sql"/> in upper case, past comments and opening parentheses.</summary>
    public static string FirstKeyword(string sql)
    {
        var position = 0;
        while (position < sql.Length)
        {
            var start = position;
            if (!Skip(sql, ref position) || position == sql.Length)
            {
                return "";
            }

            if (position > start)
            {
                continue;
            }

            if (char.IsLetter(sql[position]))
            {
                var end = position;
                while (end < sql.Length && char.IsLetter(sql[end]))
                {
                    end++;
                }

                return sql[position..end].ToUpperInvariant();
            }

            if (!char.IsWhiteSpace(sql[position]) && sql[position] != '(')
            {
                return "";
            }

            position++;
        }

        return "";
    }

    // Moves past a comment, string, quoted identifier or dollar-quoted string starting at position (false when
    // it never ends); leaves position alone when none starts there.
    private static bool Skip(string sql, ref int position)
    {
        var rest = sql.AsSpan(position);
        if (rest.StartsWith("--"))
        {
            var newline = rest.IndexOf('\n');
            position = newline < 0 ? sql.Length : position + newline + 1;
            return true;
        }

        if (rest.StartsWith("/*"))
        {
            return SkipBlockComment(sql, ref position);
        }

        if (rest[0] == '\'')
        {
            var escapes = position > 0 && sql[position - 1] is 'E' or 'e' && (position == 1 || !IsIdentifierChar(sql[position - 2]));
            return SkipQuoted(sql, ref position, '\'', escapes);
        }

        if (rest[0] == '"')
        {
            return SkipQuoted(sql, ref position, '"', backslashEscapes: false);
        }

        if (rest[0] == '$' && (position == 0 || !IsIdentifierChar(sql[position - 1])) && DollarTag(rest) is { } tag)
        {
            var close = sql.IndexOf(tag, position + tag.Length, StringComparison.Ordinal);
            position = close < 0 ? sql.Length : close + tag.Length;
            return close >= 0;
        }

        return true;
    }

    private static bool SkipBlockComment(string sql, ref int position)
    {
        var depth = 0;
        while (position < sql.Length - 1)
        {
            if (sql[position] == '/' && sql[position + 1] == '*')
            {
                depth++;
                position += 2;
            }
            else if (sql[position] == '*' && sql[position + 1] == '/')
            {
                depth--;
                position += 2;
                if (depth == 0)
                {
                    return true;
                }
            }
            else
            {
                position++;
            }
        }

        position = sql.Length;
        return false;
    }

    private static bool SkipQuoted(string sql, ref int position, char quote, bool backslashEscapes)
    {
        position++;
        while (position < sql.Length)
        {
            var current = sql[position];
            if (backslashEscapes && current == '\\')
            {
                position += 2;
                continue;
            }

            position++;
            if (current == quote)
            {
                if (position < sql.Length && sql[position] == quote)
                {
                    position++;
                    continue;
                }

                return true;
            }
        }

        return false;
    }

    // "$$" or "$tag$" where tag is an identifier; null when the dollar starts no dollar quote (e.g. "$1").
    private static string? DollarTag(ReadOnlySpan<char> rest)
    {
        var end = 1;
        while (end < rest.Length && (char.IsLetterOrDigit(rest[end]) || rest[end] == '_') && !(end == 1 && char.IsDigit(rest[end])))
        {
            end++;
        }

        return end < rest.Length && rest[end] == '$' ? rest[..(end + 1)].ToString() : null;
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';
}
