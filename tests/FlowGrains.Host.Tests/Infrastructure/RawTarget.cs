using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace FlowGrains.Host.Tests.Infrastructure;

/// <summary>
/// Gives requests on the ASP.NET test server the raw request target Kestrel gives them (the path as the client
/// encoded it), which the test server leaves empty: the client sends its target in a header, the host takes it.
/// The AWS wire reads a percent-encoded ARN from the raw target, as AWS clients send it.
/// </summary>
public static class RawTarget
{
    private const string Header = "X-Test-Raw-Target";

    /// <summary>The client side: sends each request's target as encoded.</summary>
    public sealed class Handler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation(Header, request.RequestUri!.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>The host side: first in the pipeline, sets the raw target the test server left empty.</summary>
    public sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                var feature = context.Features.Get<IHttpRequestFeature>();
                if (feature is { RawTarget.Length: 0 } && context.Request.Headers.Remove(Header, out var target))
                {
                    feature.RawTarget = target.ToString();
                }

                return following(context);
            });
            next(app);
        };
    }
}
