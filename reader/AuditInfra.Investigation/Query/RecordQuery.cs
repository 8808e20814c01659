using AuditInfra.Investigation.Filters;
using AuditInfra.Investigation.Output;
using AuditInfra.Investigation.Reading;
using AuditInfra.Investigation.Records;
using AuditInfra.Investigation.Sorting;
using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Query;

/// <summary>
/// <c>query</c> and <c>export</c> over a scan. A query with a limit keeps offset+limit records in a bounded
/// heap, however many match. Without a limit it relies on the day partitions: records of one day are
/// gathered, then sorted and written while the next day is read. A day's matches beyond <see cref="SortBudget"/>
/// are sorted in runs spilled to a private temporary file and merged back (<see cref="ExternalSorter{T}"/>), so
/// memory stays bounded however many records a day holds, and the output is the same as an in-memory sort. An export never
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
        var day = NewDay(options);
        DateOnly? current = null;
        long matched = 0, written = 0;
        // A finished day is sorted and written on another thread while the next day is read: written here, a
        // day's burst of output held up the reading threads once their few objects ahead were done.
        var writing = Task.CompletedTask;
        // Records of a day's last minutes may still come in the next day's folder (the partition tolerance): those
        // stay for the next day's sort, so the output is in time order across midnight too. The writing thread sets
        // them aside (they end the day's sorted order) and they join the next day at its flush.
        ExternalSorter<LocatedRecord>? carried = null;
        async Task FlushAsync(DateOnly? next)
        {
            await writing;
            if (carried is not null)
            {
                using (carried)
                {
                    foreach (var record in carried.Drain())
                    {
                        day.Add(record);
                    }
                }

                carried = null;
            }

            var finished = day;
            day = NewDay(options);
            DateTimeOffset? settled = next is { } nextDay ? scanner.SettledBefore(nextDay) : null;
            var carry = carried = settled is null ? null : NewDay(options);
            writing = Task.Run(() =>
            {
                using (finished)
                {
                    foreach (var record in finished.Drain())
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (carry is not null && record.Record.Time >= settled)
                        {
                            carry.Add(record);
                        }
                        else if (++matched > options.Offset)
                        {
                            writer.Write(record);
                            written++;
                        }
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

                foreach (var record in item.Records)
                {
                    day.Add(record);
                }
            }

            await FlushAsync(null);
        }
        catch
        {
            // A day still being written finishes before the caller disposes the writer.
            await writing.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }
        finally
        {
            day.Dispose();
            carried?.Dispose();
        }

        await writing;
        writer.Complete();
        return new QueryResult(matched, written, statistics);
    }

    /// <summary>
    /// Matches of one day held in memory before they are spilled to a private temporary file as a sorted run (about
    /// half a kilobyte each, so some 30 MiB; two days' worth at most are held, the one written and the one read).
    /// </summary>
    public const int SortBudget = 65_536;

    private static ExternalSorter<LocatedRecord> NewDay(QueryOptions options) => new(RecordOrder.OldestFirst, LocatedRecordCodec.Instance, options.SortBudget);

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
