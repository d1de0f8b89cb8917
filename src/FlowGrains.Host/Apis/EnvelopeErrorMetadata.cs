using Microsoft.AspNetCore.Http.Metadata;

namespace FlowGrains.Host.Apis;

/// <summary>Tells the OpenAPI document that every operation of a group can answer with the error envelope.</summary>
internal static class EnvelopeErrorMetadata
{
    private static readonly int[] Statuses =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
        StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable,
    ];

    public static RouteGroupBuilder ProducesEnvelopeErrors(this RouteGroupBuilder group)
    {
        foreach (var status in Statuses)
        {
            group.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiEnvelope<object>), ["application/json"]));
        }

        return group;
    }
}
