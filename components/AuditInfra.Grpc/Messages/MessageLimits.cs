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
/// <see cref="Apply{TRequest, TResponse}"/> swaps each method's deserializers for ones that parse a message type
/// that can nest with <see cref="RecursionLimit"/>, and any other straight from the payload's buffers (see
/// <c>Nests</c> for why the two differ). The parsers come from the .proto file descriptors, not from reflection over types.
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

    private readonly Lazy<(FrozenDictionary<Type, MessageParser> Parsers, FrozenSet<Type> Recursive)> _messages;
    private readonly ConcurrentDictionary<IMethod, object> _methods = new();

    /// <summary>
    /// Limits for the messages declared in the files <paramref name="files"/> returns and the files they import. The
    /// descriptors are built at the first <see cref="Apply{TRequest, TResponse}"/>, not here: building them costs a
    /// plugin milliseconds of its start, and methods listed through <see cref="UnaryMethod{TRequest, TResponse}"/>
    /// need them only when their first message arrives.
    /// </summary>
    public MessageLimits(Func<FileDescriptor[]> files) => _messages = new(() => Messages(files()));

    /// <summary>
    /// A unary method of <paramref name="serviceName"/> whose messages are written as protobuf and parsed as
    /// <see cref="Apply{TRequest, TResponse}"/>'s are (<see cref="RecursionLimit"/> for a type that can nest; a
    /// malformed message answers INVALID_ARGUMENT), without reflection. Whether a type nests is read from its
    /// descriptor when its first non-empty message arrives, not at start.
    /// </summary>
    public static Method<TRequest, TResponse> UnaryMethod<TRequest, TResponse>(string serviceName, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        new(MethodType.Unary, serviceName, name, Marshaller<TRequest>(), Marshaller<TResponse>());

    private static Marshaller<T> Marshaller<T>()
        where T : class, IMessage<T>, new() =>
        Marshallers.Create(
            static (message, context) =>
            {
                context.SetPayloadLength(message.CalculateSize());
                message.WriteTo(context.GetBufferWriter());
                context.Complete();
            },
            Deserializer<T>(new MessageParser<T>(static () => new T()), new(static () => Nests(new T().Descriptor, []))));

    private static (FrozenDictionary<Type, MessageParser>, FrozenSet<Type>) Messages(FileDescriptor[] files)
    {
        var parsers = new Dictionary<Type, MessageParser>();
        var recursive = new HashSet<Type>();
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
                    if (Nests(message, []))
                    {
                        recursive.Add(type);
                    }
                }

                foreach (var nested in message.NestedTypes)
                {
                    messages.Push(nested);
                }
            }
        }

        return (parsers.ToFrozenDictionary(), recursive.ToFrozenSet());
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
        var (parsers, recursive) = _messages.Value;
        var parser = parsers.TryGetValue(typeof(T), out var found)
            ? found
            : throw new InvalidOperationException($"{typeof(T).Name} is not a message of the descriptors given to {nameof(MessageLimits)}");
        var deep = recursive.Contains(typeof(T));
        return Deserializer<T>(parser, new(() => deep));
    }

    private static Func<DeserializationContext, T> Deserializer<T>(MessageParser parser, Lazy<bool> nests)
        where T : class
    {
        return context =>
        {
            if (context.PayloadLength == 0)
            {
                return (T)parser.ParseFrom(ByteString.Empty); // Grpc.AspNetCore holds no buffer for an empty payload
            }

            try
            {
                return (T)(nests.Value ? ParseDeep(parser, context.PayloadAsReadOnlySequence()) : parser.ParseFrom(context.PayloadAsReadOnlySequence()));
            }
            catch (InvalidProtocolBufferException error)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"malformed {typeof(T).Name} message: {error.Message}"));
            }
            catch (System.Text.DecoderFallbackException)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"malformed {typeof(T).Name} message: a string field is not valid UTF-8"));
            }
        };
    }

    /// <summary>
    /// Parses a message that can nest (it reaches google.protobuf.Struct or another recursive type) with
    /// <see cref="RecursionLimit"/>. Only a stream parse takes a recursion limit; it reads the payload from the
    /// transport's buffers without copying it, but a bytes or string field longer than its 4 KiB buffer is read in
    /// chunks and then joined (two copies), so messages that carry large values declare them outside such types.
    /// </summary>
    private static IMessage ParseDeep(MessageParser parser, System.Buffers.ReadOnlySequence<byte> payload)
    {
        using var stream = PipeReader.Create(payload).AsStream();
        using var input = CodedInputStream.CreateWithLimits(stream, MaxMessageBytes, RecursionLimit);
        return parser.ParseFrom(input);
    }

    /// <summary>
    /// Whether a message of this type can contain itself (directly or through other messages), so that its depth is
    /// bounded only by the recursion limit. A type that cannot is parsed straight from the payload's sequence, where
    /// a bytes field becomes one array of its exact length (the library's default recursion limit of 100 then only
    /// counts the type's fixed nesting).
    /// </summary>
    private static bool Nests(MessageDescriptor message, HashSet<string> path)
    {
        if (!path.Add(message.FullName))
        {
            return true;
        }

        var nests = message.Fields.InFieldNumberOrder().Any(f => f.FieldType == FieldType.Message && Nests(f.MessageType, path));
        path.Remove(message.FullName);
        return nests;
    }
}
