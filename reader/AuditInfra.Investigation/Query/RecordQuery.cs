using AuditInfra.Investigation.Filters;
using AuditInfra.Investigation.Output;
using AuditInfra.Investigation.Reading;
using AuditInfra.Investigation.Records;
using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Query;

/// <summary>
/// <c>query</c> and <c>export</c> over a scan. A query with a limit keeps offset+limit records in a bounded
/// heap, however many match. Without a limit it relies on the day partitions: records of one day are
/// gathered, then sorted and written while the next day is read, so memory is two days' matches. An export never
/// sorts: it writes each record as it is read, day by day and object by object, in constant memory.
/// </summary>
public static class RecordQuery
{
    /// <summary>The most records a page (<c>--offset</c> + <c>--limit</c>) may hold; about a few hundred bytes each.</summary>
    public const int MaxPage = 1_000_000;

    /// <summary>Checks the paging options before anything is read; a bad one is an <see cref="InvestigationException"/> naming its flag.</summary>
    public static void Validate(QueryOptions options)
    {
        if (options.Limit < 0 || options.Offset < 0)
        {
            throw new InvestigationException(options.Limit < 0 ? "--limit must not be negative" : "--offset must not be negative");
        }

        if ((long)options.Offset + options.Limit > MaxPage)
        {
            // The page is held in memory (offset+limit records); beyond this the heap alone would need gigabytes.
            throw new InvestigationException(
                $"--offset plus --limit is {(long)options.Offset + options.Limit:#,0}; a page holds at most {MaxPage:#,0} records in memory " +
                "(for every match use --limit 0, which streams one day at a time, or export)");
        }

        if (options.Limit == 0 && options.NewestFirst)
        {
            throw new InvestigationException("--order newest needs a --limit: without one, results stream oldest first, one day at a time");
        }
    }

    public static async Task<QueryResult> QueryAsync(
        RecordScanner scanner, RecordFilter filter, QueryOptions options, IRecordWriter writer, CancellationToken cancellationToken = default)
    {
        Validate(options);
        var statistics = new ScanStatistics();
        var (first, last) = scanner.DaysFor(filter.Range);
        if (options.Limit > 0)
        {
            var top = new BoundedTopRecords(checked(options.Offset + options.Limit), options.NewestFirst ? RecordOrder.NewestFirstOrder : RecordOrder.OldestFirst);
            // The page's current bound, shared with the reading workers (ticks; MinValue = none yet). Reading runs
            // in the page's direction, so after the first objects almost every record is rejected undecoded.
            // Only when the prefilter decides alone is a record it passes a match, so only then may the bound
            // reject it undecoded (and count it): otherwise the total match count would be wrong.
            long bound = long.MinValue, matchedOutsidePage = 0;
            var exact = filter.PrefilterIsExact;
            bool Prefilter(in ParsedRecord record)
            {
                if (!filter.Prefilter(record, out var time))
                {
                    return false;
                }

                var limit = Interlocked.Read(ref bound);
                if (!exact || limit == long.MinValue || (options.NewestFirst ? time.UtcTicks >= limit : time.UtcTicks <= limit))
                {
                    return true;
                }

                Interlocked.Increment(ref matchedOutsidePage);
                return false;
            }

            var scan = scanner.ScanAsync(first, last, filter.Streams, filter.Matches, Prefilter, options.NewestFirst, cancellationToken: cancellationToken, accounts: filter.Accounts);
            await foreach (var item in scan)
            {
                statistics.Add(item);
                foreach (var record in item.Records)
                {
                    top.Offer(record);
                }

                if (top.Bound is { } worst)
                {
                    Interlocked.Exchange(ref bound, worst.UtcTicks);
                }
            }

            var page = top.Result(options.Offset);
            foreach (var record in page)
            {
                writer.Write(record);
            }

            writer.Complete();
            return new QueryResult(top.Offered + Interlocked.Read(ref matchedOutsidePage), page.Count, statistics);
        }

        var all = scanner.ScanAsync(first, last, filter.Streams, filter.Matches, filter.Prefilter, cancellationToken: cancellationToken, accounts: filter.Accounts);
        var day = new List<LocatedRecord>();
        DateOnly? current = null;
        long matched = 0, written = 0;
        // A finished day is sorted and written on another thread while the next day is read: written here, a
        // day's burst of output held up the reading threads once their few objects ahead were done.
        var writing = Task.CompletedTask;
        // Records of a day's last minutes may still come in the next day's folder (the partition tolerance): those
        // stay for the next day's sort, so the output is in time order across midnight too.
        async Task FlushAsync(DateOnly? next)
        {
            await writing;
            var finished = day;
            day = [];
            if (next is { } nextDay)
            {
                var settled = scanner.SettledBefore(nextDay);
                day.AddRange(finished.Where(r => r.Record.Time >= settled));
                finished.RemoveAll(r => r.Record.Time >= settled);
            }

            writing = Task.Run(() =>
            {
                finished.Sort(RecordOrder.OldestFirst);
                foreach (var record in finished)
                {
                    if (++matched > options.Offset)
                    {
                        writer.Write(record);
                        written++;
                    }
                }
            }, cancellationToken);
        }

        try
        {
            await foreach (var item in all)
            {
                statistics.Add(item);
                if (current != item.Day)
                {
                    await FlushAsync(item.Day);
                    current = item.Day;
                }

                day.AddRange(item.Records);
            }

            await FlushAsync(null);
        }
        catch
        {
            // A day still being written finishes before the caller disposes the writer.
            await writing.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }

        await writing;
        writer.Complete();
        return new QueryResult(matched, written, statistics);
    }

    public static async Task<QueryResult> ExportAsync(RecordScanner scanner, RecordFilter filter, IRecordWriter writer, CancellationToken cancellationToken = default)
    {
        var statistics = new ScanStatistics();
        long written = 0;
        var (first, last) = scanner.DaysFor(filter.Range);
        await foreach (var item in scanner.ScanAsync(first, last, filter.Streams, filter.Matches, filter.Prefilter, cancellationToken: cancellationToken, accounts: filter.Accounts))
        {
            statistics.Add(item);
            foreach (var record in item.Records)
            {
                writer.Write(record);
                written++;
            }
        }

        writer.Complete();
        return new QueryResult(written, written, statistics);
    }
}
