using System.Globalization;
using FlowGrains.Errors;

namespace FlowGrains.Grains.Limits;

/// <summary>The one wording of a quota refusal: what, the quota, and the setting that raises it.</summary>
internal static class QuotaExceeded
{
    /// <param name="what">What is counted, plural, e.g. <c>flows</c>.</param>
    /// <param name="setting">The key under <c>FlowGrains:Quotas</c>.</param>
    public static FlowOperationException Error(string field, string what, int quota, string setting) =>
        new(FlowErrorCode.ServiceQuotaExceeded,
            $"{field}: the quota of {quota.ToString("N0", CultureInfo.InvariantCulture)} {what} is reached ({QuotasOptions.SectionName}:{setting}).");

    /// <summary>Throws when <paramref name="count"/> passes <paramref name="quota"/>.</summary>
    public static void ThrowIfOver(int count, int quota, string field, string what, string setting)
    {
        if (count > quota)
        {
            throw Error(field, what, quota, setting);
        }
    }
}
