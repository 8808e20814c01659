namespace AuditInfra.Investigation.Detections;

/// <summary>
/// Fires when at least <c>threshold</c> matching records share a key (an IP, an actor) within a sliding
/// <c>window</c>. Overlapping windows that reach the threshold form one burst and one detection. Per key only the
/// last <c>threshold</c> matching records are held (and only while the key is active within a window), plus the
/// burst's count, first and last time and first <c>maxEvidence</c> records; a burst goes to the sink as soon as it is
/// over, so detections are not held either. Memory does not grow with the records of a burst, however many.
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

    /// <summary>Slides the hit's key's window; hits must come in time order (the engine sorts them, see <see cref="DetectionEngine"/>).</summary>
    public void Observe(in RuleHit hit)
    {
        var key = (_keyKind == KeyKind.Ip ? hit.Ip : hit.Actor)!;
        // Hits of one key come in runs (an object's records, a script's deletions): the same key as the last hit's
        // finds its tracker without hashing.
        if (!string.Equals(key, _lastKey, StringComparison.Ordinal) || _lastTracker is not { } tracker)
        {
            if (_groups.Count >= _sweepAt)
            {
                Sweep(hit.Evidence.Time);
            }

            if (!_groups.TryGetValue(key, out tracker))
            {
                tracker = new BurstTracker(this, key);
                _groups[key] = tracker;
            }

            _lastKey = key;
            _lastTracker = tracker;
        }

        tracker.Step(hit.Evidence);
    }

    public void Advance(DateTimeOffset watermark) => Sweep(watermark);

    public void Finish()
    {
        foreach (var tracker in _groups.Values)
        {
            tracker.CloseBurst();
        }

        _groups.Clear();
        _lastTracker = null;
    }

    /// <summary>
    /// Forgets the keys whose window holds nothing at <paramref name="now"/> (no hit before <paramref name="now"/> is
    /// still to come), closing their bursts: memory follows the keys active within one window, not every IP ever seen.
    /// </summary>
    private void Sweep(DateTimeOffset now)
    {
        _lastTracker = null;
        List<string>? idle = null;
        foreach (var (key, tracker) in _groups)
        {
            if (tracker.IsIdle(now))
            {
                tracker.CloseBurst();
                (idle ??= []).Add(key);
            }
        }

        foreach (var key in idle ?? [])
        {
            _groups.Remove(key);
        }

        _sweepAt = Math.Max(MinSweep, 2 * _groups.Count);
    }

    private const int MinSweep = 4096;
    private int _sweepAt = MinSweep;

    private sealed class BurstTracker
    {
        private readonly ThresholdRule _rule;
        private readonly string _key;
        // The last `threshold` hits, oldest first from _start: all a window needs. The window reaches the threshold
        // exactly when the oldest of them is still in it, and the hits a burst has not taken yet are always among
        // them (once a window holds `threshold` hits, the burst takes them all), so older hits are never needed again.
        private Evidence[] _recent = new Evidence[1];
        private int _start;
        private int _count;
        private long _seq;
        private DetectionAccumulator? _burst;
        private long _burstLastSeq = -1;
        private DateTimeOffset _burstLastTime;
        private DateTimeOffset _lastTime;

        public BurstTracker(ThresholdRule rule, string key)
        {
            _rule = rule;
            _key = key;
        }

        /// <summary>Nothing in the window any more at <paramref name="now"/>: no later hit can join what it holds.</summary>
        public bool IsIdle(DateTimeOffset now) => _count == 0 || now - _lastTime > _rule._window;

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

        public void Step(in Evidence item)
        {
            var seq = _seq++;
            Push(item);
            var window = _rule._window.Ticks;
            var time = item.Time.UtcTicks;
            if (_burst is not null && time - _burstLastTime.UtcTicks > window)
            {
                // The window holds no record of the open burst any more, so that burst is over.
                CloseBurst();
            }

            // At least `threshold` hits within the window: the oldest of the last `threshold` is still in it.
            if (_count >= _rule._threshold && time - At(0).Time.UtcTicks <= window)
            {
                _burst ??= new DetectionAccumulator(_rule._maxEvidence);
                var first = Math.Max(_burstLastSeq + 1, seq - _count + 1);
                for (var s = first; s <= seq; s++)
                {
                    ref readonly var taken = ref At((int)(s - (seq - _count + 1)));
                    if (time - taken.Time.UtcTicks <= window)
                    {
                        _burst.Add(in taken);
                    }
                }

                _burstLastSeq = seq;
                _burstLastTime = item.Time;
            }

            _lastTime = item.Time;
        }

        private ref readonly Evidence At(int index) => ref _recent[(_start + index) % _recent.Length];

        private void Push(in Evidence item)
        {
            if (_count == _recent.Length && _count < _rule._threshold)
            {
                var grown = new Evidence[Math.Min(_rule._threshold, 2 * _recent.Length)];
                for (var i = 0; i < _count; i++)
                {
                    grown[i] = At(i);
                }

                _recent = grown;
                _start = 0;
            }

            if (_count < _recent.Length)
            {
                _recent[(_start + _count++) % _recent.Length] = item;
            }
            else
            {
                _recent[_start] = item;
                _start = (_start + 1) % _recent.Length;
            }
        }
    }
}
