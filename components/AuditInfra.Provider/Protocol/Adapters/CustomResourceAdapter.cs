using System.Reflection;
using AuditInfra.Grpc.Hosting;
using AuditInfra.Provider.Model;
using AuditInfra.Provider.Protocol.Binding;
using AuditInfra.Provider.Protocol.Engine;
using AuditInfra.Provider.Protocol.Messages;
using AuditInfra.Provider.Protocol.Values;
using Grpc.Core;

namespace AuditInfra.Provider.Protocol.Adapters;

/// <summary>
/// Serves one typed <see cref="ICustomResource{TArgs, TState}"/> over the protocol: decodes and binds inputs,
/// re-marks secrets, fills unknowns in previews and derives Diff from the Args record's attributes.
/// </summary>
internal sealed class CustomResourceAdapter<TResource, TArgs, TState>(Func<TResource> resource, Func<string, IResourceLog> logFor) : ICustomResourceAdapter
    where TResource : ICustomResource<TArgs, TState>
    where TArgs : class
    where TState : class
{
    private static readonly ResourceTypeAttribute Type = typeof(TResource).GetCustomAttribute<ResourceTypeAttribute>()
        ?? throw new InvalidOperationException($"{typeof(TResource).Name} has no [ResourceType]");

    public string Token => Type.Token;

    public CheckResult Check(CheckArgs request)
    {
        var news = StructCodec.Decode(request.News, "news");
        var bound = PropertyBinder.Bind<TArgs>(news);
        var failures = bound.Failures.ToList();
        failures.AddRange(resource().Check(bound.Value, bound.IsKnown));
        var result = new CheckResult();
        result.Failures.AddRange(failures.Select(f => new CheckFailureEntry { Property = f.Property, Reason = SecretRedaction.Scrub(f.Reason, news) }));

        // Always return inputs (pitfall 9): normalized (e.g. "3" → 3) when fully known and valid, else as sent.
        var inputs = failures.Count == 0 && bound.Unknown.IsEmpty
            ? PropertyMaps.ResecretTopLevel(PropertyWriter.Write(bound.Value), bound.Secret)
            : news;
        result.Inputs = StructCodec.Encode(inputs);
        return result;
    }

    public DiffResult Diff(DiffArgs request)
    {
        var news = StructCodec.Decode(request.News, "news");
        var oldInputs = StructCodec.Decode(request.OldInputs, "oldInputs");
        if (oldInputs.Fields.IsEmpty)
        {
            oldInputs = StructCodec.Decode(request.Olds, "olds"); // state written without old inputs: outputs hold the inputs too
        }

        var normalizedNew = Normalize(news);
        var normalizedOld = Normalize(oldInputs);
        var result = new DiffResult { HasDetailedDiff = true };
        foreach (var member in RecordShape.For(typeof(TArgs)).Members)
        {
            var newValue = normalizedNew[member.Name];
            var oldValue = normalizedOld[member.Name];
            if (newValue is not null && oldValue is not null && newValue.IsKnown && newValue.Plain().Equals(oldValue.Plain()))
            {
                continue;
            }

            if (newValue is null && oldValue is null)
            {
                continue;
            }

            var replace = member.Attribute.ReplaceOnChanges;
            var kind = (newValue, oldValue) switch
            {
                (null, _) => replace ? PropertyChange.Types.Kind.DeleteReplace : PropertyChange.Types.Kind.Delete,
                (_, null) => replace ? PropertyChange.Types.Kind.AddReplace : PropertyChange.Types.Kind.Add,
                _ => replace ? PropertyChange.Types.Kind.UpdateReplace : PropertyChange.Types.Kind.Update,
            };
            result.Diffs.Add(member.Name);
            result.DetailedDiff[member.Name] = new PropertyChange { Kind = kind, InputDiff = true };
            if (replace)
            {
                result.Replaces.Add(member.Name);
            }
        }

        result.Changes = result.Diffs.Count == 0 ? DiffResult.Types.Changes.DiffNone : DiffResult.Types.Changes.DiffSome;
        result.DeleteBeforeReplace = Type.DeleteBeforeReplace && result.Replaces.Count > 0;
        return result;
    }

    public async Task<CreateResult> CreateAsync(CreateArgs request, CancellationToken cancellationToken)
    {
        var inputs = StructCodec.Decode(request.Properties, "properties");
        var bound = BindValid(inputs, request.Preview);
        if (!bound.Unknown.IsEmpty)
        {
            return new CreateResult { Properties = StructCodec.Encode(PropertyMaps.EchoInputs(typeof(TState), inputs)) };
        }

        var created = await resource().CreateAsync(request.Name, bound.Value, request.Preview, logFor(request.Urn), cancellationToken);
        if (!request.Preview && string.IsNullOrEmpty(created.Id))
        {
            throw new InvalidOperationException($"{Token} returned an empty id from Create");
        }

        return new CreateResult { Id = created.Id, Properties = StructCodec.Encode(Outputs(created.State, bound.Secret, request.Preview)) };
    }

    public async Task<ReadResult> ReadAsync(ReadArgs request, CancellationToken cancellationToken)
    {
        var found = await resource().ReadAsync(request.Id, Recorded(request.Properties, "properties"), cancellationToken);
        if (found is null)
        {
            return new ReadResult(); // empty id: the resource is gone, refresh drops it (pitfall 16)
        }

        var secrets = PropertyMaps.SecretNames(StructCodec.Decode(request.Properties, "properties")).Concat(PropertyMaps.SecretNames(StructCodec.Decode(request.Inputs, "inputs")));
        return new ReadResult
        {
            Id = found.Id,
            Properties = StructCodec.Encode(Outputs(found.State, secrets, preview: false)),
            Inputs = StructCodec.Encode(PropertyMaps.ResecretTopLevel(PropertyWriter.Write(found.Inputs), secrets)),
        };
    }

    public async Task<UpdateResult> UpdateAsync(UpdateArgs request, CancellationToken cancellationToken)
    {
        var news = StructCodec.Decode(request.News, "news");
        var bound = BindValid(news, request.Preview);
        if (!bound.Unknown.IsEmpty)
        {
            return new UpdateResult { Properties = StructCodec.Encode(PropertyMaps.EchoInputs(typeof(TState), news)) };
        }

        var oldInputs = StructCodec.Decode(request.OldInputs, "oldInputs");
        var olds = PropertyBinder.Bind<TArgs>(oldInputs.Fields.IsEmpty ? StructCodec.Decode(request.Olds, "olds") : oldInputs).Value;
        var state = await resource().UpdateAsync(request.Id, olds, bound.Value, Recorded(request.Olds, "olds"), request.Preview, logFor(request.Urn), cancellationToken);
        return new UpdateResult { Properties = StructCodec.Encode(Outputs(state, bound.Secret, request.Preview)) };
    }

    public Task DeleteAsync(DeleteArgs request, CancellationToken cancellationToken) =>
        resource().DeleteAsync(request.Id, Recorded(request.Properties, "properties"), logFor(request.Urn), cancellationToken);

    /// <summary>The state the engine recorded, bound like inputs (secrets unwrapped); null when it sent none (import).</summary>
    private static TState? Recorded(Google.Protobuf.ByteString properties, string field) =>
        StructCodec.Decode(properties, field) is { Fields.IsEmpty: false } recorded ? PropertyBinder.Bind<TState>(recorded).Value : null;

    /// <summary>Outputs with every value secret that is, or is computed from, an input that arrived secret.</summary>
    private static ObjectProperty Outputs(TState state, IEnumerable<string> secretInputs, bool preview)
    {
        var secrets = secretInputs.ToHashSet(StringComparer.Ordinal);
        var derived = RecordShape.For(typeof(TState)).Members
            .Where(m => m.Attribute.DerivedFrom?.Any(secrets.Contains) == true)
            .Select(m => m.Name);
        return PropertyMaps.ResecretTopLevel(preview ? PropertyMaps.WithUnknowns(state) : PropertyWriter.Write(state), secrets.Concat(derived));
    }

    /// <summary>Checked inputs should bind; if they do not (a caller skipped Check), fail cleanly rather than half-act.</summary>
    private static BindResult<TArgs> BindValid(ObjectProperty inputs, bool preview)
    {
        var bound = PropertyBinder.Bind<TArgs>(inputs);
        if (bound.Failures.Count > 0)
        {
            throw GrpcErrors.Status(StatusCode.InvalidArgument, $"invalid {Type.Token} inputs: " + string.Join("; ", bound.Failures.Select(f => $"{f.Property} {f.Reason}")));
        }

        if (!preview && !bound.Unknown.IsEmpty)
        {
            throw GrpcErrors.Status(StatusCode.InvalidArgument, $"{Type.Token} inputs {string.Join(", ", bound.Unknown)} are still unknown outside a preview");
        }

        return bound;
    }

    /// <summary>Known values go through bind-and-write so 3 and 3.0 and "3" compare equal (pitfall 11b).</summary>
    private static ObjectProperty Normalize(ObjectProperty inputs)
    {
        var bound = PropertyBinder.Bind<TArgs>(inputs);
        var written = PropertyWriter.Write(bound.Value);
        var failed = bound.Failures.Select(f => f.Property.Split('.', '[')[0]);
        return bound.Unknown.Concat(failed).Aggregate(written, (map, name) => inputs[name] is { } raw ? map.With(name, raw) : map);
    }
}
