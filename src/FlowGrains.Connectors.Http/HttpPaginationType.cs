namespace FlowGrains.Connectors.Http;

/// <summary>How an Http source finds its next page.</summary>
internal enum HttpPaginationType
{
    /// <summary>One request, one page.</summary>
    None,

    /// <summary>The body holds a cursor (at <c>cursorPath</c>) that the next request sends in the <c>cursorParameter</c> query parameter.</summary>
    Cursor,

    /// <summary>The body holds the next page's URL (at <c>nextLinkPath</c>), or else a <c>Link: &lt;…&gt;; rel="next"</c> header does.</summary>
    NextLink,
}
