using Google.Protobuf;

namespace AuditInfra.Policy.Analyzer.Grpc;

/// <summary>One unary method: how to read its request and what to answer.</summary>
public sealed record GrpcMethod(MessageParser Parser, Func<IMessage, CancellationToken, Task<IMessage>> Handle);
