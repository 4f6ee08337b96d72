using System.Globalization;
using System.Security.Cryptography;
using GapLens.Core;
using Microsoft.Data.Sqlite;

namespace GapLens.Judging.Human;

/// <summary>
/// The human score log: an SQLite database (WAL journal, synchronous FULL, so a committed submission
/// survives a killed process or a power cut) in the evaluations folder. Submissions and assignments
/// are append-only (triggers refuse UPDATE and DELETE); current values are derived by the caller.
/// One process at a time: a lock file next to the database keeps a second server out. Not thread-safe:
/// one writer owns it (see <see cref="SubmissionWriter"/>).
/// </summary>
public sealed class HumanScoreStore : IDisposable
{
    public const string FileName = "human-scores.sqlite";
    private const int SchemaVersion = 1;
    private const string SubmissionColumns = "id, experiment, model, task_type, task_id, annotator, score, comments, submitted_ms, time_spent_ms, blind, session, source, request_id";

    private readonly SqliteConnection _db;
    private readonly FileStream _lock;

    private HumanScoreStore(SqliteConnection db, FileStream lockFile, string path)
    {
        _db = db;
        _lock = lockFile;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Opens (or creates) the store at <paramref name="path"/>.</summary>
    public static HumanScoreStore Open(string path)
    {
        string dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot create the human score folder {dir}: {ex.Message}");
        }
        FileStream lockFile;
        string lockPath = path + ".lock";
        try
        {
            lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new UserInputException($"cannot write the human score store {path}: {ex.Message}");
        }
        catch (IOException)
        {
            throw new UserInputException($"another gaplens serve is using {path}; stop it first (one server per evaluations folder)");
        }
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        try
        {
            db.Open();
            Exec(db, "PRAGMA journal_mode=WAL;");
            Exec(db, "PRAGMA synchronous=FULL;");
            Exec(db, "PRAGMA busy_timeout=5000;");
            CreateSchema(db);
        }
        catch (SqliteException ex)
        {
            db.Dispose();
            lockFile.Dispose();
            throw new UserInputException($"{path}: not a usable human score store ({ex.Message})");
        }
        catch
        {
            db.Dispose();
            lockFile.Dispose();
            throw;
        }
        return new HumanScoreStore(db, lockFile, path);
    }

    /// <summary>The tables, triggers, schema version and secret, in one transaction: a new store costs
    /// one disk sync at start-up rather than one per statement (synchronous=FULL).</summary>
    private static void CreateSchema(SqliteConnection db)
    {
        using var tx = db.BeginTransaction();
        Exec(db, """
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS submissions(
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                experiment TEXT NOT NULL, model TEXT NOT NULL, task_type TEXT NOT NULL, task_id TEXT NOT NULL,
                annotator TEXT NOT NULL,
                score INTEGER CHECK (score IS NULL OR score BETWEEN 1 AND 5),
                comments TEXT NOT NULL,
                submitted_ms INTEGER NOT NULL,
                time_spent_ms INTEGER,
                blind INTEGER,
                session TEXT NOT NULL,
                source TEXT NOT NULL,
                request_id TEXT UNIQUE);
            CREATE TABLE IF NOT EXISTS assignments(
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                experiment TEXT NOT NULL, model TEXT NOT NULL, task_type TEXT NOT NULL, task_id TEXT NOT NULL,
                annotator TEXT NOT NULL,
                session TEXT NOT NULL,
                at_ms INTEGER NOT NULL,
                released INTEGER NOT NULL);
            CREATE TRIGGER IF NOT EXISTS submissions_append_only_u BEFORE UPDATE ON submissions BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;
            CREATE TRIGGER IF NOT EXISTS submissions_append_only_d BEFORE DELETE ON submissions BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;
            CREATE TRIGGER IF NOT EXISTS assignments_append_only_u BEFORE UPDATE ON assignments BEGIN SELECT RAISE(ABORT, 'assignments are append-only'); END;
            CREATE TRIGGER IF NOT EXISTS assignments_append_only_d BEFORE DELETE ON assignments BEGIN SELECT RAISE(ABORT, 'assignments are append-only'); END;
            """, tx);
        string? version = Meta(db, "schema_version", tx);
        if (version is null)
        {
            SetMeta(db, "schema_version", SchemaVersion.ToString(CultureInfo.InvariantCulture), tx);
        }
        else if (version != SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new UserInputException($"human score store schema version {version} is not supported (this gaplens reads version {SchemaVersion}); use the gaplens that wrote it");
        }
        if (Meta(db, "secret", tx) is null) SetMeta(db, "secret", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), tx);
        tx.Commit();
    }

    /// <summary>A random secret made once per store (signs session cookies, so they survive a restart).</summary>
    public byte[] Secret => Convert.FromBase64String(Meta(_db, "secret")!);

    /// <summary>The id up to which every submission is reflected in the human-eval.json files.</summary>
    public long FilesSyncedThrough => long.TryParse(Meta(_db, "files_synced_through"), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : 0;

    /// <summary>The journal mode and synchronous level actually in force (for tests and the run log).</summary>
    public (string JournalMode, int Synchronous) Durability =>
        (Scalar(_db, "PRAGMA journal_mode;")?.ToString() ?? "", Convert.ToInt32(Scalar(_db, "PRAGMA synchronous;"), CultureInfo.InvariantCulture));

    /// <summary>Every submission, in the order they were appended.</summary>
    public List<HumanSubmission> ReadSubmissions()
    {
        var list = new List<HumanSubmission>();
        using var cmd = _db.CreateCommand();
        cmd.CommandText = $"SELECT {SubmissionColumns} FROM submissions ORDER BY id";
        using var r = cmd.ExecuteReader();
        while (r.Read()) list.Add(ReadSubmission(r));
        return list;
    }

    /// <summary>Every assignment and release, in order.</summary>
    public List<Assignment> ReadAssignments()
    {
        var list = new List<Assignment>();
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT experiment, model, task_type, task_id, annotator, session, at_ms, released FROM assignments ORDER BY id";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            list.Add(new Assignment(new ItemKey(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)), r.GetString(4), r.GetString(5),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)), r.GetInt64(7) != 0));
        }
        return list;
    }

    /// <summary>
    /// Appends submissions and assignments in one transaction (one disk sync for the whole batch) and
    /// optionally records the file watermark. A submission whose request id is already stored is not
    /// written again: the stored one is returned with <see cref="StoredSubmission.IsNew"/> false.
    /// </summary>
    public List<StoredSubmission> Append(IReadOnlyList<HumanSubmission> submissions, IReadOnlyList<Assignment> assignments, long? filesSyncedThrough = null)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        ArgumentNullException.ThrowIfNull(assignments);
        var stored = new List<StoredSubmission>(submissions.Count);
        using var tx = _db.BeginTransaction();
        if (submissions.Count > 0)
        {
            using var insert = _db.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = """
                INSERT INTO submissions(experiment, model, task_type, task_id, annotator, score, comments, submitted_ms, time_spent_ms, blind, session, source, request_id)
                VALUES($e, $m, $t, $i, $a, $s, $c, $at, $spent, $blind, $session, $source, $rid)
                ON CONFLICT(request_id) DO NOTHING RETURNING id
                """;
            var p = new[] { "$e", "$m", "$t", "$i", "$a", "$s", "$c", "$at", "$spent", "$blind", "$session", "$source", "$rid" }
                .Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
            insert.Prepare();
            foreach (var s in submissions)
            {
                p[0].Value = s.Item.Experiment;
                p[1].Value = s.Item.Model;
                p[2].Value = s.Item.TaskType;
                p[3].Value = s.Item.TaskId;
                p[4].Value = s.Annotator;
                p[5].Value = (object?)s.Score ?? DBNull.Value;
                p[6].Value = s.Comments;
                p[7].Value = s.SubmittedUtc.ToUnixTimeMilliseconds();
                p[8].Value = (object?)s.TimeSpentMs ?? DBNull.Value;
                p[9].Value = s.Blind is { } b ? (b ? 1 : 0) : DBNull.Value;
                p[10].Value = s.Session;
                p[11].Value = SourceName(s.Source);
                p[12].Value = (object?)s.RequestId ?? DBNull.Value;
                object? id = insert.ExecuteScalar();
                stored.Add(id is long newId
                    ? new StoredSubmission(s with { Id = newId, SubmittedUtc = DateTimeOffset.FromUnixTimeMilliseconds(s.SubmittedUtc.ToUnixTimeMilliseconds()) }, true)
                    : new StoredSubmission(ByRequestId(tx, s.RequestId!), false));
            }
        }
        if (assignments.Count > 0)
        {
            using var insert = _db.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO assignments(experiment, model, task_type, task_id, annotator, session, at_ms, released) VALUES($e, $m, $t, $i, $a, $s, $at, $r)";
            var p = new[] { "$e", "$m", "$t", "$i", "$a", "$s", "$at", "$r" }.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
            insert.Prepare();
            foreach (var a in assignments)
            {
                p[0].Value = a.Item.Experiment;
                p[1].Value = a.Item.Model;
                p[2].Value = a.Item.TaskType;
                p[3].Value = a.Item.TaskId;
                p[4].Value = a.Annotator;
                p[5].Value = a.Session;
                p[6].Value = a.AtUtc.ToUnixTimeMilliseconds();
                p[7].Value = a.Released ? 1 : 0;
                insert.ExecuteNonQuery();
            }
        }
        if (filesSyncedThrough is { } w) SetMeta(_db, "files_synced_through", w.ToString(CultureInfo.InvariantCulture), tx);
        tx.Commit();
        return stored;
    }

    private HumanSubmission ByRequestId(SqliteTransaction tx, string requestId)
    {
        using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT {SubmissionColumns} FROM submissions WHERE request_id = $rid";
        cmd.Parameters.AddWithValue("$rid", requestId);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) throw new InvalidOperationException($"request id {requestId} conflicted but is not stored");
        return ReadSubmission(r);
    }

    private static HumanSubmission ReadSubmission(SqliteDataReader r) => new(
        r.GetInt64(0),
        new ItemKey(r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)),
        r.GetString(5),
        r.IsDBNull(6) ? null : r.GetInt32(6),
        r.GetString(7),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)),
        r.IsDBNull(9) ? null : r.GetInt64(9),
        r.IsDBNull(10) ? null : r.GetInt64(10) != 0,
        r.GetString(11),
        ParseSource(r.GetString(12)),
        r.IsDBNull(13) ? null : r.GetString(13));

    public static string SourceName(SubmissionSource source) => source switch
    {
        SubmissionSource.Review => "review",
        SubmissionSource.Import => "import",
        _ => "annotate",
    };

    public static SubmissionSource ParseSource(string text) => text switch
    {
        "review" => SubmissionSource.Review,
        "import" => SubmissionSource.Import,
        _ => SubmissionSource.Annotate,
    };

    private static void Exec(SqliteConnection db, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private static string? Meta(SqliteConnection db, string key, SqliteTransaction? tx = null)
    {
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT value FROM meta WHERE key = $k";
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() as string;
    }

    private static void SetMeta(SqliteConnection db, string key, string value, SqliteTransaction? tx = null)
    {
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO meta(key, value) VALUES($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$v", value);
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _db.Dispose();
        _lock.Dispose();
    }
}
