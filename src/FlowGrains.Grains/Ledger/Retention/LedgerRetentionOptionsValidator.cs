using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace FlowGrains.Grains.Ledger.Retention;

/// <summary>Refuses <see cref="LedgerRetentionOptions"/> outside the ranges their attributes state, naming the setting.</summary>
internal sealed class LedgerRetentionOptionsValidator : IValidateOptions<LedgerRetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, LedgerRetentionOptions options)
    {
        var problems = new List<ValidationResult>();
        return Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(problem => problem.ErrorMessage ?? "invalid"));
    }
}
