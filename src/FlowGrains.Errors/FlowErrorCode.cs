namespace FlowGrains.Errors;

/// <summary>The error codes of the response envelope; every operation fails with exactly one of these.</summary>
public enum FlowErrorCode
{
    /// <summary>Malformed request, wrong type, missing or invalid field. HTTP 400.</summary>
    ValidationError,
    /// <summary>No flow of that name. HTTP 404.</summary>
    NotFound,
    /// <summary>The operation does not fit the flow's current state. HTTP 409.</summary>
    Conflict,
    /// <summary>A clientToken was reused with a different request. HTTP 409.</summary>
    ClientTokenMismatch,
    /// <summary>The operation does not apply to this kind of flow. HTTP 400.</summary>
    UnsupportedOperation,
    /// <summary>Anything unexpected. HTTP 500.</summary>
    InternalError,
    /// <summary>The flow store or the cluster cannot be reached just now; nothing was changed that is not kept, so a retry is safe. HTTP 503.</summary>
    ServiceUnavailable,
    /// <summary>The caller's key may not do this to this resource. HTTP 403.</summary>
    AccessDenied,
    /// <summary>The request would pass a quota (flows, connector profiles, tasks or destinations per flow). HTTP 402.</summary>
    ServiceQuotaExceeded,
    /// <summary>Too many runs are under way to start another now (per flow or per silo); a later retry may succeed. HTTP 429.</summary>
    Throttled,
}
