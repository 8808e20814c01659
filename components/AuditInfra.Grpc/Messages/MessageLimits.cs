using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.IO.Pipelines;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace AuditInfra.Grpc.Messages;

/// <summary>
/// Size and nesting limits for the protobuf messages of the Pulumi plugin protocol, applied to the methods that
/// Grpc.Tools generated. The size limit goes to the library's options (<c>MaxReceiveMessageSize</c>); the nesting
/// limit cannot be set through them (generated marshallers parse with Google.Protobuf's default of 100 levels), so
/// <see cref="Apply{TRequest, TResponse}"/> swaps each method's deserializers for ones that parse with
/// <see cref="RecursionLimit"/>. The parsers come from the .proto file descriptors, not from reflection over types.
/// </summary>
public sealed class MessageLimits
{
    /// <summary>Pulumi's engine sends and accepts messages up to 400 MiB (large state, schema, previews).</summary>
    public const int MaxMessageBytes = 400 * 1024 * 1024;

    /// <summary>
    /// A JSON level of a google.protobuf.Struct costs about three protobuf levels (Value, map entry, Struct), so the
    /// library's 100 stops at about 33 JSON levels; the engine's Go runtime allows 10,000. 1,000 protobuf levels
    /// keep parsing on a thread's stack.
    /// </summary>
    public const int RecursionLimit = 1000;

    private readonly FrozenDictionary<Type, MessageParser> _parsers;
    private readonly ConcurrentDictionary<IMethod, object> _methods = new();

    /// <summary>Limits for the messages declared in <paramref name="files"/> and the files they import.</summary>
    public MessageLimits(params FileDescriptor[] files)
    {
        var parsers = new Dictionary<Type, MessageParser>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<FileDescriptor>(files);
        while (pending.TryPop(out var file))
        {
            if (!seen.Add(file.Name))
            {
                continue;
            }

            foreach (var dependency in file.Dependencies)
            {
                pending.Push(dependency);
            }

            var messages = new Stack<MessageDescriptor>(file.MessageTypes);
            while (messages.TryPop(out var message))
            {
                if (message.ClrType is { } type && message.Parser is { } parser)
                {
                    parsers[type] = parser;
                }

                foreach (var nested in message.NestedTypes)
                {
                    messages.Push(nested);
                }
            }
        }

        _parsers = parsers.ToFrozenDictionary();
    }

    /// <summary>
    /// <paramref name="method"/> with deserializers that parse with <see cref="RecursionLimit"/> and answer a malformed
    /// message with INVALID_ARGUMENT (the library would answer UNKNOWN or INTERNAL). Cached per method.
    /// </summary>
    /// <exception cref="InvalidOperationException">A message type of the method is not in the descriptors given.</exception>
    public Method<TRequest, TResponse> Apply<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class =>
        (Method<TRequest, TResponse>)_methods.GetOrAdd(method, static (_, state) => new Method<TRequest, TResponse>(
            state.method.Type,
            state.method.ServiceName,
            state.method.Name,
            Marshallers.Create(state.method.RequestMarshaller.ContextualSerializer, state.self.Deserializer<TRequest>()),
            Marshallers.Create(state.method.ResponseMarshaller.ContextualSerializer, state.self.Deserializer<TResponse>())),
            (method, self: this));

    private Func<DeserializationContext, T> Deserializer<T>()
        where T : class
    {
        var parser = _parsers.TryGetValue(typeof(T), out var found)
            ? found
            : throw new InvalidOperationException($"{typeof(T).Name} is not a message of the descriptors given to {nameof(MessageLimits)}");
        return context =>
        {
            if (context.PayloadLength == 0)
            {
                return (T)parser.ParseFrom(ByteString.Empty); // Grpc.AspNetCore holds no buffer for an empty payload
            }

            // The payload stays in the transport's buffers: parsing reads it through a stream, without a copy.
            using var stream = PipeReader.Create(context.PayloadAsReadOnlySequence()).AsStream();
            using var input = CodedInputStream.CreateWithLimits(stream, MaxMessageBytes, RecursionLimit);
            try
            {
                return (T)parser.ParseFrom(input);
            }
            catch (InvalidProtocolBufferException error)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"malformed {typeof(T).Name} message: {error.Message}"));
            }
        };
    }
}
