using FlowGrains.Host.Apis.Aws;
using FlowGrains.Host.Auth;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace FlowGrains.Host.Apis;

/// <summary>Wiring of the HTTP front door: JSON rules, the error envelope, OpenAPI and the body-size limit.</summary>
internal static class FrontDoorExtensions
{
    public static WebApplicationBuilder AddFrontDoor(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(options =>
        {
            var json = options.SerializerOptions;
            json.PropertyNameCaseInsensitive = false;
            json.NumberHandling = JsonNumberHandling.Strict;
            json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            json.Converters.Add(new JsonStringEnumConverter());
            json.Converters.Add(new UtcTimestampConverter());
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBody.MaxBytes);
        builder.Services.AddExceptionHandler<FrontDoorErrorHandler>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(options => options.AddAccessKeySchemes());
        return builder;
    }

    public static WebApplication UseFrontDoorErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            if (AwsWire.Serves(context.HttpContext))
            {
                var (name, status, text) = AwsWire.Unrouted(context.HttpContext);
                await AwsErrors.WriteAsync(response, name, status, text);
                return;
            }

            var (code, message) = response.StatusCode switch
            {
                StatusCodes.Status404NotFound => ("NOT_FOUND", $"No operation at {context.HttpContext.Request.Path}."),
                StatusCodes.Status405MethodNotAllowed => ("UNSUPPORTED_OPERATION", "Operations are called with POST."),
                StatusCodes.Status415UnsupportedMediaType => ("VALIDATION_ERROR", "Content-Type: must be application/json."),
                _ => ("VALIDATION_ERROR", "The request could not be served."),
            };

            // The envelope's codes carry their own statuses; a wrong media type is a validation error like any other.
            if (response.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            {
                response.StatusCode = StatusCodes.Status400BadRequest;
            }

            await response.WriteAsJsonAsync(ApiEnvelope.Fail(code, message));
        });
        return app;
    }
}
