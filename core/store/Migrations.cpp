#include "store/Migrations.h"

namespace mlwb {
namespace {

// Version 1: settings, data set versions, runs and their metrics, model versions, aliases.
// runs.model_id refers to models, declared below it: SQLite resolves foreign keys when rows
// change, not when tables are created.
const char *const kVersion1 = R"sql(
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE datasets (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    format              TEXT NOT NULL,
    source              TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    channels            INTEGER NOT NULL,
    height              INTEGER NOT NULL,
    width               INTEGER NOT NULL,
    class_names_json    TEXT NOT NULL,
    train_count         INTEGER NOT NULL,
    test_count          INTEGER NOT NULL,
    validation_fraction REAL NOT NULL,
    split_seed          INTEGER NOT NULL
);
CREATE INDEX datasets_by_name ON datasets(name, created_at);

CREATE TABLE runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset_id    TEXT NOT NULL REFERENCES datasets(id),
    architecture  TEXT NOT NULL,
    settings_json TEXT NOT NULL DEFAULT '{}',
    status        TEXT NOT NULL CHECK (status IN
                      ('queued', 'running', 'finished', 'failed', 'cancelled', 'interrupted')),
    created_at    TEXT NOT NULL,
    started_at    TEXT,
    finished_at   TEXT,
    epochs_done   INTEGER NOT NULL DEFAULT 0,
    error         TEXT NOT NULL DEFAULT '',
    code_version  TEXT NOT NULL DEFAULT '',
    pid           INTEGER,
    model_id      INTEGER REFERENCES models(id) ON DELETE SET NULL
);
CREATE INDEX runs_by_status ON runs(status);

CREATE TABLE metrics (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    name   TEXT NOT NULL,
    step   INTEGER NOT NULL,
    epoch  INTEGER NOT NULL,
    value  REAL NOT NULL
);
CREATE INDEX metrics_by_run_name_step ON metrics(run_id, name, step);

CREATE TABLE models (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id          INTEGER REFERENCES runs(id) ON DELETE SET NULL,
    dataset_id      TEXT REFERENCES datasets(id),
    architecture    TEXT NOT NULL,
    parameter_count INTEGER NOT NULL,
    path            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    accuracy        REAL NOT NULL,
    macro_f1        REAL NOT NULL,
    weighted_f1     REAL NOT NULL,
    evaluation_json TEXT NOT NULL DEFAULT '{}',
    settings_json   TEXT NOT NULL DEFAULT '{}',
    code_version    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE aliases (
    alias      TEXT PRIMARY KEY,
    model_id   INTEGER NOT NULL REFERENCES models(id),
    updated_at TEXT NOT NULL
);

CREATE TABLE alias_events (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    alias             TEXT NOT NULL,
    model_id          INTEGER NOT NULL REFERENCES models(id),
    previous_model_id INTEGER REFERENCES models(id),
    action            TEXT NOT NULL CHECK (action IN ('promote', 'rollback')),
    at                TEXT NOT NULL,
    note              TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alias_events_by_alias ON alias_events(alias, id);
)sql";

// Version 2: the run queue. Pending entries ('waiting', or 'held' back by the user) run one at
// a time by priority (higher first), then position (the order they were added in, changed
// when the user moves an entry). run_id links an entry to the run it started, so that an entry
// whose process died can resume that run instead of starting over.
const char *const kVersion2 = R"sql(
CREATE TABLE queue (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset_id    TEXT NOT NULL REFERENCES datasets(id),
    settings_json TEXT NOT NULL,
    priority      INTEGER NOT NULL DEFAULT 0,
    position      INTEGER NOT NULL,
    state         TEXT NOT NULL CHECK (state IN
                      ('waiting', 'held', 'running', 'done', 'failed', 'cancelled')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    run_id        INTEGER REFERENCES runs(id) ON DELETE SET NULL,
    pid           INTEGER,
    error         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX queue_by_state_order ON queue(state, priority, position);
)sql";

// Version 3: stored evaluations and suspected label errors. An evaluation (a model version on a
// data set version's test split) is computed once; its per-sample probabilities and embeddings
// live in the file at `path` (see EvaluationSamples.h), its report and curves in summary_json.
// A label flag marks a sample whose recorded label looks wrong; removing the row takes it back.
const char *const kVersion3 = R"sql(
CREATE TABLE evaluations (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    model_id     INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    dataset_id   TEXT NOT NULL REFERENCES datasets(id),
    created_at   TEXT NOT NULL,
    samples      INTEGER NOT NULL,
    accuracy     REAL NOT NULL,
    macro_f1     REAL NOT NULL,
    weighted_f1  REAL NOT NULL,
    summary_json TEXT NOT NULL,
    path         TEXT NOT NULL,
    UNIQUE (model_id, dataset_id)
);

CREATE TABLE label_flags (
    dataset_id   TEXT NOT NULL REFERENCES datasets(id),
    sample_index INTEGER NOT NULL,
    model_id     INTEGER REFERENCES models(id) ON DELETE SET NULL,
    flagged_at   TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (dataset_id, sample_index)
);
)sql";

// Version 4: production samples. An image is kept once per content (production_images, the
// file under production/samples/); every request the production side answered is a row of
// production_samples with the exact model input, the model, its answer and the time. Labels
// are set on the sample and every change is kept in sample_label_events.
const char *const kVersion4 = R"sql(
CREATE TABLE production_images (
    hash       TEXT PRIMARY KEY,
    path       TEXT NOT NULL,
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE production_samples (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    source             TEXT NOT NULL CHECK (source IN ('canvas', 'folder', 'api', 'file')),
    image_hash         TEXT NOT NULL REFERENCES production_images(hash),
    original_name      TEXT NOT NULL DEFAULT '',
    input              BLOB NOT NULL,
    channels           INTEGER NOT NULL,
    height             INTEGER NOT NULL,
    width              INTEGER NOT NULL,
    model_id           INTEGER REFERENCES models(id) ON DELETE SET NULL,
    predicted          INTEGER NOT NULL,
    probabilities_json TEXT NOT NULL,
    embedding          BLOB,
    created_at         TEXT NOT NULL,
    label              INTEGER,
    discarded          INTEGER NOT NULL DEFAULT 0,
    labeled_by         TEXT NOT NULL DEFAULT '',
    labeled_at         TEXT
);
CREATE INDEX production_samples_by_time ON production_samples(created_at);
CREATE INDEX production_samples_by_source ON production_samples(source, created_at);
CREATE INDEX production_samples_by_label ON production_samples(label, discarded);

CREATE TABLE sample_label_events (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    sample_id INTEGER NOT NULL REFERENCES production_samples(id) ON DELETE CASCADE,
    label     INTEGER,
    discarded INTEGER NOT NULL DEFAULT 0,
    by_whom   TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL
);
CREATE INDEX sample_label_events_by_sample ON sample_label_events(sample_id, id);
)sql";


// Version 5: continuous training. A data set version built from a base version and labeled
// production samples records its lineage: the base, the production test version held back
// beside it, how much each production sample weighs, and which samples went where with the
// label they had then. Corrections of a stored data set's labels (suspected label errors
// relabelled on the Label page) wait here until a build applies them.
const char *const kVersion5 = R"sql(
CREATE TABLE dataset_lineage (
    dataset_id          TEXT PRIMARY KEY REFERENCES datasets(id),
    base_id             TEXT NOT NULL REFERENCES datasets(id),
    production_test_id  TEXT REFERENCES datasets(id),
    weight              INTEGER NOT NULL,
    test_fraction       REAL NOT NULL,
    corrections         INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL
);

CREATE TABLE dataset_production_samples (
    dataset_id TEXT NOT NULL REFERENCES datasets(id),
    sample_id  INTEGER NOT NULL REFERENCES production_samples(id),
    part       TEXT NOT NULL CHECK (part IN ('train', 'test')),
    label      INTEGER NOT NULL,
    PRIMARY KEY (dataset_id, sample_id)
);

CREATE TABLE dataset_label_corrections (
    dataset_id   TEXT NOT NULL REFERENCES datasets(id),
    sample_index INTEGER NOT NULL,
    label        INTEGER NOT NULL,
    corrected_by TEXT NOT NULL DEFAULT '',
    corrected_at TEXT NOT NULL,
    PRIMARY KEY (dataset_id, sample_index)
);
)sql";

// Version 6: monitoring alerts. A statistic of a window of production samples passed its
// threshold (p < threshold); the row keeps the window (its time span, its first and last
// sample id, how many samples), the statistic's value and p-value, and, once the user saw it,
// who acknowledged it when. An alert is not stored twice for the same model, statistic and
// overlapping sample range (see monitoring/AlertStore.h).
const char *const kVersion6 = R"sql(
CREATE TABLE monitor_alerts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    model_id        INTEGER REFERENCES models(id) ON DELETE SET NULL,
    statistic       TEXT NOT NULL,
    reference       TEXT NOT NULL DEFAULT '',
    window_from     TEXT NOT NULL,
    window_to       TEXT NOT NULL,
    first_sample_id INTEGER NOT NULL,
    last_sample_id  INTEGER NOT NULL,
    sample_count    INTEGER NOT NULL,
    value           REAL NOT NULL,
    p_value         REAL NOT NULL,
    threshold       REAL NOT NULL,
    created_at      TEXT NOT NULL,
    acknowledged_at TEXT,
    acknowledged_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX monitor_alerts_by_statistic ON monitor_alerts(model_id, statistic, first_sample_id);
CREATE INDEX monitor_alerts_by_acknowledgement ON monitor_alerts(acknowledged_at, id);
)sql";

} // namespace

const QStringList &migrationScripts()
{
    static const QStringList scripts = {QString::fromUtf8(kVersion1), QString::fromUtf8(kVersion2),
                                         QString::fromUtf8(kVersion3), QString::fromUtf8(kVersion4),
                                         QString::fromUtf8(kVersion5),
                                         QString::fromUtf8(kVersion6)};
    return scripts;
}

QStringList splitSqlStatements(const QString &script)
{
    QStringList statements;
    for (const QString &part : script.split(u';')) {
        const QString statement = part.trimmed();
        if (!statement.isEmpty())
            statements << statement;
    }
    return statements;
}

} // namespace mlwb
