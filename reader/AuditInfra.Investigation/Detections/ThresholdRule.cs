using System.Runtime.InteropServices;

namespace AuditInfra.Investigation.Detections;

/// <summary>
/// Fires when at least <c>threshold</c> matching records share a key (an IP, an actor) within a sliding
/// <c>window</c>. Overlapping windows that reach the threshold form one burst and one detection. Only matching
/// records are held, and only until the watermark passes them by more than the window; a burst goes to the sink as
/// soon as it is over, so detections are not held either.
/// </summary>
public sealed class ThresholdRule : IDetectionRule
{
    private readonly RulePredicate _matches;
    private readonly KeyKind _keyKind;
    private readonly string _summary;
    private readonly int _threshold;
    private readonly TimeSpan _window;
    private readonly int _maxEvidence;
    private readonly Dictionary<string, BurstTracker> _groups = new(StringComparer.Ordinal);
    private readonly Action<Detection> _sink;
    private string? _lastKey;
    private BurstTracker? _lastTracker;
    // Shared by the rule's trackers, which settle one at a time.
    private (long Ticks, int Arrival)[] _sortKeys = [];

    public ThresholdRule(string id, Severity severity, string summary, RulePredicate matches, KeyKind keyKind, ThresholdSettings settings, int maxEvidence, Action<Detection> sink)
    {
        if (settings.Threshold < 1 || settings.Window <= TimeSpan.Zero)
        {
            throw new InvestigationException($"detection {id}: Threshold must be at least 1 and Window positive (got {settings.Threshold}, {settings.Window})");
        }

        Id = id;
        Severity = severity;
        _sink = sink;
        _summary = summary;
        _matches = matches;
        _keyKind = keyKind;
        _threshold = settings.Threshold;
        _window = settings.Window;
        _maxEvidence = maxEvidence;
    }

    public enum KeyKind
    {
        Actor,
        Ip,
    }

    public string Id { get; }

    public bool KeysByIp => _keyKind == KeyKind.Ip;

    public Severity Severity { get; }

    public bool Matches(in RuleInput record) => _matches(record) && (_keyKind == KeyKind.Ip ? record.HasSourceIp : record.Actor is not null);

    public void Observe(in RuleHit hit)
    {
        var key = (_keyKind == KeyKind.Ip ? hit.Ip : hit.Actor)!;
        // Hits of one key come in runs (an object's records, a script's deletions), and keys are shared strings: the
        // same instance as the last hit's finds its tracker without hashing.
        if (!ReferenceEquals(key, _lastKey) || _lastTracker is not { } tracker)
        {
            if (!_groups.TryGetValue(key, out tracker))
            {
                tracker = new BurstTracker(this, key);
                _groups[key] = tracker;
            }

            _lastKey = key;
            _lastTracker = tracker;
        }

        tracker.Pending.Add(hit.Evidence);
    }

    public void Advance(DateTimeOffset watermark)
    {
        _lastTracker = null;
        List<string>? idle = null;
        foreach (var (key, tracker) in _groups)
        {
            tracker.Process(watermark);
            if (tracker.IsIdle(watermark))
            {
                (idle ??= []).Add(key);
            }
        }

        // Keys with nothing in flight are forgotten, so memory follows the active keys, not every IP ever seen.
        foreach (var key in idle ?? [])
        {
            _groups.Remove(key);
        }
    }

    public void Finish()
    {
        foreach (var tracker in _groups.Values)
        {
            tracker.Process(DateTimeOffset.MaxValue);
            tracker.CloseBurst();
        }

        _groups.Clear();
        _lastTracker = null;
    }

    private (long Ticks, int Arrival)[] SortKeys(int count) =>
        _sortKeys.Length >= count ? _sortKeys : _sortKeys = new (long, int)[Math.Max(count, 2 * _sortKeys.Length)];

    private sealed class BurstTracker
    {
        private readonly ThresholdRule _rule;
        private readonly string _key;
        // The sliding window: _items[_head..] in arrival order, numbered _headSeq, _headSeq + 1, … so the records
        // a burst has not taken yet are found by index, not by walking the window on every step.
        private readonly List<Evidence> _items = [];
        private int _head;
        private long _headSeq;
        private DetectionAccumulator? _burst;
        private long _burstLastSeq = -1;
        private long _seq;

        public BurstTracker(ThresholdRule rule, string key)
        {
            _rule = rule;
            _key = key;
        }

        public List<Evidence> Pending { get; } = [];

        public void Process(DateTimeOffset watermark)
        {
            if (Pending.Count == 0)
            {
                return;
            }

            // By time, and records of the same instant in the order they came: sorting (instant, arrival) keys with
            // the evidence alongside compares plain numbers rather than calling a delegate per comparison.
            var pending = CollectionsMarshal.AsSpan(Pending);
            var keys = _rule.SortKeys(pending.Length);
            for (var i = 0; i < pending.Length; i++)
            {
                keys[i] = (pending[i].Time.UtcTicks, i);
            }

            keys.AsSpan(0, pending.Length).Sort(pending);
            var take = 0;
            while (take < pending.Length && pending[take].Time < watermark)
            {
                Step(in pending[take++]);
            }

            Pending.RemoveRange(0, take);
        }

        public bool IsIdle(DateTimeOffset watermark) =>
            Pending.Count == 0 && _burst is null && (WindowCount == 0 || watermark - _items[^1].Time > _rule._window);

        private int WindowCount => _items.Count - _head;

        public void CloseBurst()
        {
            if (_burst is not null)
            {
                var actor = _rule._keyKind == KeyKind.Actor ? _key : null;
                var ip = _rule._keyKind == KeyKind.Ip ? _key : null;
                var by = _rule._keyKind == KeyKind.Ip ? $"from IP {_key}" : $"by {_key}";
                _rule._sink(_burst.ToDetection(_rule.Id, _rule.Severity,
                    $"{_rule._summary} {by}: {_burst.Count} within windows of {_rule._window} (threshold {_rule._threshold})", actor, ip));
                _burst = null;
            }
        }

        private void Step(in Evidence item)
        {
            var seq = _seq++;
            _items.Add(item);
            var items = CollectionsMarshal.AsSpan(_items);
            var time = item.Time.UtcTicks;
            while (time - items[_head].Time.UtcTicks > _rule._window.Ticks)
            {
                _head++;
                _headSeq++;
            }

            if (_burst is not null && _headSeq > _burstLastSeq)
            {
                // The window holds no record of the open burst any more, so that burst is over.
                CloseBurst();
            }

            if (WindowCount >= _rule._threshold)
            {
                _burst ??= new DetectionAccumulator(_rule._maxEvidence);
                for (var s = Math.Max(_burstLastSeq + 1, _headSeq); s <= seq; s++)
                {
                    _burst.Add(in items[_head + (int)(s - _headSeq)]);
                }

                _burstLastSeq = seq;
            }

            if (_head > 64 && _head > WindowCount)
            {
                // Drop what slid out once it outweighs the window, so the list stays within twice the window.
                _items.RemoveRange(0, _head);
                _head = 0;
            }
        }
    }
}
