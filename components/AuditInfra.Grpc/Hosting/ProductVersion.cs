using System.Reflection;

namespace AuditInfra.Grpc.Hosting;

/// <summary>
/// The one version of the product (the plugins, the CLI, the schema), set once as &lt;Version&gt; in
/// Directory.Build.props and stamped into every assembly's informational version without a commit suffix.
/// </summary>
public static class ProductVersion
{
    /// <summary>For example "0.2.0": what GetPluginInfo, the schema and `pulumi plugin install` use.</summary>
    public static string Current { get; } =
        typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
