using AuditInfra.Grpc.Hosting;
using AuditInfra.Policy.Analyzer.Analysis;
using AuditInfra.Policy.Analyzer.Protocol;
using AuditInfra.Policy.Settings;
using AuditInfra.TestSupport;

namespace AuditInfra.Policy.Tests;

/// <summary>The analyzer's hand-written method list (exact types start faster natively) is the generated one.</summary>
public sealed class AnalyzerBindingTests
{
    [Fact]
    public void The_method_list_binds_what_the_generated_BindService_binds()
    {
        var service = new AnalyzerService(new PolicyPack(PolicySettings.Defaults, "dev", TimeProvider.System));
        var listed = new UnaryMethods<AnalyzerService>(AnalyzerService.ServiceName);
        AnalyzerService.Bind(listed, service);

        var generated = GeneratedBinding.Signatures(binder => AuditInfra.Policy.Analyzer.Protocol.Analyzer.BindService(binder, service));

        Assert.Equal(5, generated.Count);
        Assert.Equal(generated, GeneratedBinding.Signatures(listed.Signatures));
    }
}
