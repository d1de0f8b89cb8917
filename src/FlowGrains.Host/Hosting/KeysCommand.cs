using FlowGrains.Grains.AccessKeys;
using FlowGrains.Host.Auth;

namespace FlowGrains.Host.Hosting;

/// <summary>
/// <c>FlowGrains.Host keys create --role Admin</c>: makes the first key of a cluster, before any key exists to
/// call the API with. It prints the key as configuration (environment variables) for every host; later keys
/// are made on the running cluster with /create-access-key.
/// </summary>
internal static class KeysCommand
{
    public const string Verb = "keys";

    public static int Run(string[] args, TextWriter output, TextWriter errors)
    {
        if (args is not ["create", "--role", var roleName] || !Enum.TryParse<AccessRole>(roleName, ignoreCase: false, out var role)
            || !Enum.IsDefined(role) || roleName.Any(char.IsDigit))
        {
            errors.WriteLine("Usage: keys create --role Reader|Operator|Admin");
            return 2;
        }

        var (id, secret) = (AccessKeyMaterial.NewId(), AccessKeyMaterial.NewSecret());
        output.WriteLine($"# A new {role} key. Give every host the same lines (any free index instead of 0); the secret is shown only here.");
        output.WriteLine($"FlowGrains__Auth__Keys__0__Id={id}");
        output.WriteLine($"FlowGrains__Auth__Keys__0__Secret={secret}");
        output.WriteLine($"FlowGrains__Auth__Keys__0__Role={role}");
        output.WriteLine($"# For the AWS CLI and SDKs: AWS_ACCESS_KEY_ID={id} AWS_SECRET_ACCESS_KEY={secret}");
        return 0;
    }
}
