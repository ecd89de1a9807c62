#include "production/InferenceService.h"

#include "common/Error.h"
#include "common/Log.h"
#include "data/Preprocess.h"
#include "models/ModelFiles.h"
#include "production/SampleStore.h"
#include "registry/ModelRegistry.h"
#include "store/WalCheckpointer.h"

#include <QImage>
#include <QJsonArray>
#include <QMetaMethod>
#include <QPromise>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <dlfcn.h>
#include <future>
#include <mutex>
#include <optional>
#include <utility>

namespace mlwb {

namespace {

using Clock = std::chrono::steady_clock;

// How often the worker reads the production alias (one indexed row) to notice a promotion.
constexpr auto kAliasCheckInterval = std::chrono::milliseconds(250);
constexpr qsizetype kKnownImagesLimit = 200000;

// OpenBLAS (Debian's pthread build, under libtorch) splits each matrix product over a pool of
// its own whose threads spin (sched_yield) between calls: with a product per small batch they
// take a core from the HTTP thread and the writer. The worker's libtorch thread count does not
// reach them. Looked up at run time: a libtorch without OpenBLAS has no such pool.
void singleThreadedBlas()
{
    using SetThreads = void (*)(int);
    if (auto set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
        set(1);
}

// A model ready to serve: loaded, warmed up for a full batch.
struct Served {
    qint64 id = 0;
    ModelInfo info;
    std::unique_ptr<Classifier> classifier;
    QJsonObject json;
    size_t inputSize = 0;
    int embeddingSize = 0;
};

std::shared_ptr<Served> loadServed(const ModelVersion &model, const QString &dir, int threads, int maxBatch,
                                   Precision precision)
{
    auto served = std::make_shared<Served>();
    served->id = model.id;
    served->info = readModelInfo(dir);
    served->classifier = loadClassifier(dir, threads, precision);
    served->inputSize = size_t(served->info.channels) * size_t(served->info.height) * size_t(served->info.width);
    served->embeddingSize = served->classifier->embeddingSize();
    // loadClassifier warmed up one image; a full batch allocates the rest before it serves.
    const int n = std::max(1, maxBatch);
    std::vector<float> x(size_t(n) * served->inputSize, 0.0f);
    std::vector<float> p(size_t(n) * size_t(served->classifier->numClasses()));
    std::vector<float> e(size_t(n) * size_t(served->embeddingSize));
    served->classifier->predictWithEmbedding(x.data(), n, p.data(), served->embeddingSize > 0 ? e.data() : nullptr);
    QJsonArray classes;
    for (const QString &name : served->info.classNames)
        classes.append(name);
    served->json = {{QStringLiteral("id"), model.id},
                    {QStringLiteral("architecture"), model.architecture},
                    {QStringLiteral("classes"), classes},
                    {QStringLiteral("channels"), served->info.channels},
                    {QStringLiteral("height"), served->info.height},
                    {QStringLiteral("width"), served->info.width},
                    {QStringLiteral("macroF1"), model.macroF1}};
    return served;
}

const QString &stoppedBeforeAnswering()
{
    static const QString text = QStringLiteral("the inference service stopped before answering");
    return text;
}

// A request's function, owed one call: destroyed before it was called, it answers "stopped"
// (as a QPromise destroyed unfinished cancels its future), so that no caller waits forever.
class OwedAnswer {
public:
    OwedAnswer() = default;
    explicit OwedAnswer(InferenceService::Done done) : m_done(std::move(done)) {}
    OwedAnswer(OwedAnswer &&other) noexcept : m_done(std::exchange(other.m_done, nullptr)) {}
    OwedAnswer &operator=(OwedAnswer &&other) noexcept
    {
        if (this != &other) {
            stopped();
            m_done = std::exchange(other.m_done, nullptr);
        }
        return *this;
    }
    ~OwedAnswer() { stopped(); }

    explicit operator bool() const { return bool(m_done); }
    void operator()(InferenceAnswer &&answer) { std::exchange(m_done, nullptr)(std::move(answer)); }

private:
    void stopped()
    {
        if (!m_done)
            return;
        InferenceAnswer answer;
        answer.error = stoppedBeforeAnswering();
        std::exchange(m_done, nullptr)(std::move(answer));
    }

    InferenceService::Done m_done;
};

// submitAll's requests: one function for all of them, called when the last is answered (or,
// should the group go before that, with "stopped" for the answers it lacks).
struct Group {
    InferenceService::DoneAll done;
    QList<InferenceAnswer> answers; // each "stopped" until answered
    qsizetype remaining = 0;        // touched by the worker only
    ~Group()
    {
        if (done)
            done(std::move(answers));
    }
};

struct Pending {
    InferenceRequest request;
    OwedAnswer done; // when not in a group
    std::shared_ptr<Group> group;
    qsizetype index = 0;
};

// A future's promise behind a function (shared: std::function copies what it holds).
template<typename T>
std::function<void(T &&)> promising(QFuture<T> &future)
{
    auto promise = std::make_shared<QPromise<T>>();
    promise->start();
    future = promise->future();
    return [promise](T &&result) {
        promise->addResult(std::move(result));
        promise->finish();
    };
}

// A predicted batch on its way to the writer: answers[i] is batch[i]'s; samples[k] is what
// stores answers[valid[k]].
struct StoreJob {
    std::vector<Pending> batch;
    std::vector<InferenceAnswer> answers;
    std::vector<size_t> valid;
    std::vector<NewSample> samples;
    qint64 modelId = 0;
};

void fulfil(Pending &pending, InferenceAnswer &&answer)
{
    if (pending.group) {
        Group &g = *pending.group;
        g.answers[pending.index] = std::move(answer);
        if (--g.remaining == 0)
            std::exchange(g.done, nullptr)(std::move(g.answers));
    } else {
        pending.done(std::move(answer));
    }
}

} // namespace

struct InferenceService::Impl {
    InferenceService *q = nullptr;
    WorkspacePtr workspace;
    Options options;

    std::mutex mutex; // guards queue, stopping, started
    std::condition_variable wake;
    std::deque<Pending> queue;
    bool stopping = false;
    bool started = false;
    QThread *worker = nullptr;

    // The serving model: swapped by the worker only, between batches.
    std::shared_ptr<Served> served;
    mutable std::mutex infoMutex;
    QJsonObject info;
    std::atomic<qint64> servedId{0};
    std::atomic<qint64> answered{0};

    // The worker's own state.
    struct Loading {
        qint64 id = 0;
        std::future<std::shared_ptr<Served>> result;
    };
    std::optional<Loading> loading;
    qint64 failedId = 0; // an alias target that would not load: not retried until the alias moves
    Clock::time_point lastAliasCheck;
    std::vector<Pending> batch;
    std::vector<InferenceAnswer> answers;
    std::vector<int> originalWidth, originalHeight;
    std::vector<size_t> valid; // indices into batch that reached the model
    std::vector<NewSample> samples;
    std::vector<float> x, probabilities, embeddings;

    // The writer: stores batch N while the worker predicts batch N+1. The batches that queued
    // meanwhile are stored in one transaction (a commit costs more than a row), and the worker
    // waits only when kMaxQueuedJobs are queued already, so that memory stays bounded.
    static constexpr size_t kMaxQueuedJobs = 4;
    QThread *writer = nullptr;
    std::mutex writerMutex; // guards jobs, writerClosing
    std::condition_variable writerWake;
    std::deque<StoreJob> jobs;
    bool writerClosing = false;
    SampleWriter *sampleWriter = nullptr; // the writer thread's own (known hashes, prepared statements)

    void run();
    void housekeeping();
    void switchTo(std::shared_ptr<Served> next);
    void take(); // under mutex
    void process();
    void decode(const Served &model, size_t i);
    void hand(StoreJob &&next); // to the writer's queue (waits while it is full)
    void runWriter();
    void store(std::vector<StoreJob> &jobs); // in one transaction
    void finish(StoreJob &job); // fulfils, in order
};

void InferenceService::Impl::switchTo(std::shared_ptr<Served> next)
{
    const qint64 id = next->id;
    {
        std::lock_guard lock(infoMutex);
        info = next->json;
    }
    served = std::move(next);
    servedId.store(id);
}

void InferenceService::Impl::housekeeping()
{
    if (loading && loading->result.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        const qint64 id = loading->id;
        try {
            std::shared_ptr<Served> next = loading->result.get();
            loading.reset();
            switchTo(std::move(next));
            failedId = 0;
            spdlog::info("inference service: now serving model {}", id);
            Q_EMIT q->modelChanged(id);
        } catch (const std::exception &e) {
            loading.reset();
            failedId = id;
            spdlog::warn("inference service: model {} is production but cannot be loaded, model {} keeps serving: {}",
                         id, servedId.load(), e.what());
        }
    }
    if (options.modelId > 0 || loading)
        return;
    const Clock::time_point now = Clock::now();
    if (now - lastAliasCheck < kAliasCheckInterval)
        return;
    lastAliasCheck = now;
    try {
        const QVariant target = workspace->database().scalar(
            QStringLiteral("SELECT model_id FROM aliases WHERE alias = ?"), {kProductionAlias});
        if (!target.isValid())
            return;
        const qint64 id = target.toLongLong();
        if (id == servedId.load() || id == failedId)
            return;
        const std::optional<ModelVersion> model = ModelRegistry(*workspace).model(id);
        if (!model)
            return;
        // Loaded aside, so that the old model keeps answering meanwhile.
        const QString dir = workspace->absolute(model->path);
        const int threads = options.threads, maxBatch = options.maxBatch;
        const Precision precision = options.precision;
        loading = Loading{id, std::async(std::launch::async, [model = *model, dir, threads, maxBatch, precision] {
                              return loadServed(model, dir, threads, maxBatch, precision);
                          })};
    } catch (const std::exception &e) {
        spdlog::warn("inference service: cannot read the production alias: {}", e.what());
    }
}

void InferenceService::Impl::take()
{
    const size_t room = size_t(std::max(1, options.maxBatch)) - batch.size();
    const size_t n = std::min(room, queue.size());
    for (size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(queue.front()));
        queue.pop_front();
    }
}

void InferenceService::Impl::run()
{
    const size_t maxBatch = size_t(std::max(1, options.maxBatch));
    for (;;) {
        housekeeping();
        {
            std::unique_lock lock(mutex);
            if (queue.empty()) {
                if (stopping)
                    break;
                // Wakes now and then while idle, to notice a promotion without a request.
                wake.wait_for(lock, kAliasCheckInterval, [this] { return stopping || !queue.empty(); });
                if (queue.empty())
                    continue;
            }
            take();
            // More may come: wait for them, at most maxWait in all, and at most a quarter of it
            // without a new one (clients that wait for their answers send nothing meanwhile).
            if (batch.size() < maxBatch && options.maxWaitMicroseconds > 0 && !stopping) {
                const auto deadline = Clock::now() + std::chrono::microseconds(options.maxWaitMicroseconds);
                const auto gap = std::chrono::microseconds(std::max(20, options.maxWaitMicroseconds / 4));
                while (batch.size() < maxBatch
                       && wake.wait_until(lock, std::min(deadline, Clock::now() + gap),
                                          [this] { return stopping || !queue.empty(); })
                       && !queue.empty())
                    take();
            }
        }
        process();
        batch.clear();
    }
    if (writer) {
        {
            std::lock_guard lock(writerMutex);
            writerClosing = true;
        }
        writerWake.notify_all();
        writer->wait(); // it stores and answers what it was handed first
    }
    if (loading && loading->result.valid())
        loading->result.wait();
}

// The model input of request i into answers[i].input, or answers[i].error.
void InferenceService::Impl::decode(const Served &model, size_t i)
{
    const InferenceRequest &r = batch[i].request;
    InferenceAnswer &a = answers[i];
    const ModelInfo &m = model.info;
    if (!r.input.empty()) {
        if (r.input.size() != model.inputSize) {
            a.error = QStringLiteral("model %1 takes %2×%3×%4 inputs (%5 values), got %6 values")
                          .arg(model.id).arg(m.channels).arg(m.height).arg(m.width).arg(model.inputSize).arg(r.input.size());
            return;
        }
        a.input = r.input;
        return;
    }
    if (r.originalPng.isEmpty()) {
        a.error = QStringLiteral("the request holds no image");
        return;
    }
    const QImage image = QImage::fromData(r.originalPng);
    if (image.isNull()) {
        a.error = QStringLiteral("%1is not a PNG or JPEG image (%2 bytes)")
                      .arg(r.originalName.isEmpty() ? QString() : r.originalName + u' ')
                      .arg(r.originalPng.size());
        return;
    }
    GrayImage input = preprocessMnistStyle(fromQImage(image));
    if (m.channels != 1 || input.width != m.width || input.height != m.height) {
        a.error = QStringLiteral("model %1 takes %2×%3×%4 inputs; an image becomes 1×%5×%6: send the input pixels instead")
                      .arg(model.id).arg(m.channels).arg(m.height).arg(m.width).arg(input.height).arg(input.width);
        return;
    }
    a.input = std::move(input.pixels);
    originalWidth[i] = image.width();
    originalHeight[i] = image.height();
}

void InferenceService::Impl::process()
{
    const Served &model = *served;
    const size_t n = batch.size();
    const int classes = model.classifier->numClasses();
    answers.assign(n, InferenceAnswer());
    samples.clear();
    originalWidth.assign(n, 0);
    originalHeight.assign(n, 0);
    valid.clear();
    for (size_t i = 0; i < n; ++i) {
        answers[i].originalName = batch[i].request.originalName;
        answers[i].modelId = model.id;
        try {
            decode(model, i);
        } catch (const std::exception &e) {
            answers[i].error = QString::fromLocal8Bit(e.what());
        }
        if (answers[i].error.isEmpty())
            valid.push_back(i);
    }

    const size_t m = valid.size();
    if (m > 0) {
        x.resize(m * model.inputSize);
        for (size_t k = 0; k < m; ++k) {
            const std::uint8_t *in = answers[valid[k]].input.data();
            float *out = x.data() + k * model.inputSize;
            for (size_t j = 0; j < model.inputSize; ++j)
                out[j] = float(in[j]) * (1.0f / 255.0f);
        }
        probabilities.resize(m * size_t(classes));
        embeddings.resize(m * size_t(model.embeddingSize));
        QString failure;
        try {
            model.classifier->predictWithEmbedding(x.data(), qsizetype(m), probabilities.data(),
                                                   model.embeddingSize > 0 ? embeddings.data() : nullptr);
        } catch (const std::exception &e) {
            failure = QStringLiteral("model %1 failed: %2").arg(model.id).arg(QString::fromLocal8Bit(e.what()));
        }
        for (size_t k = 0; k < m; ++k) {
            InferenceAnswer &a = answers[valid[k]];
            if (!failure.isEmpty()) {
                a.error = failure;
                continue;
            }
            const float *p = probabilities.data() + k * size_t(classes);
            a.probabilities.assign(p, p + classes);
            a.predicted = int(std::max_element(p, p + classes) - p);
            a.className = model.info.classNames.value(a.predicted);
        }
        if (!failure.isEmpty())
            spdlog::warn("inference service: {}", failure);

        if (options.storeSamples && failure.isEmpty()) {
            samples.resize(m);
            for (size_t k = 0; k < m; ++k) {
                const size_t i = valid[k];
                InferenceRequest &r = batch[i].request;
                NewSample &s = samples[k];
                s.originalPng = std::move(r.originalPng);
                s.originalWidth = originalWidth[i];
                s.originalHeight = originalHeight[i];
                ProductionSample &p = s.sample;
                p.source = r.source;
                p.originalName = r.originalName;
                p.input = answers[i].input;
                p.channels = model.info.channels;
                p.height = model.info.height;
                p.width = model.info.width;
                p.modelId = model.id;
                p.predicted = answers[i].predicted;
                p.probabilities = answers[i].probabilities;
                if (model.embeddingSize > 0) {
                    const float *e = embeddings.data() + k * size_t(model.embeddingSize);
                    p.embedding.assign(e, e + model.embeddingSize);
                }
            }
        }
    }

    StoreJob next;
    next.batch = std::move(batch);
    next.answers = std::move(answers);
    next.samples = std::move(samples);
    next.modelId = model.id;
    if (!writer) { // storeSamples false: nothing to wait for
        finish(next);
        return;
    }
    next.valid = valid;
    hand(std::move(next)); // also a batch with nothing to store: answered after the batches before it
}

void InferenceService::Impl::hand(StoreJob &&next)
{
    std::unique_lock lock(writerMutex);
    writerWake.wait(lock, [this] { return jobs.size() < kMaxQueuedJobs; });
    jobs.push_back(std::move(next));
    lock.unlock();
    writerWake.notify_all();
}

void InferenceService::Impl::runWriter()
{
    // Lives on this thread's stack: its statements go before the thread's connection closes.
    SampleWriter state;
    sampleWriter = &state;
    std::optional<WalCheckpointer> checkpointer; // this thread's commits never wait for a checkpoint
    try {
        checkpointer.emplace(workspace->database());
    } catch (const std::exception &e) {
        spdlog::warn("inference service: WAL checkpoints stay on the writer: {}", e.what());
    }
    for (;;) {
        std::vector<StoreJob> current;
        {
            std::unique_lock lock(writerMutex);
            writerWake.wait(lock, [this] { return !jobs.empty() || writerClosing; });
            if (jobs.empty())
                break;
            current.reserve(jobs.size());
            for (StoreJob &j : jobs)
                current.push_back(std::move(j));
            jobs.clear();
        }
        writerWake.notify_all(); // room for the worker's next batch
        store(current);
        if (checkpointer)
            checkpointer->committed();
        for (StoreJob &j : current)
            finish(j);
        if (checkpointer)
            checkpointer->afterAnswering();
    }
    sampleWriter = nullptr;
}

void InferenceService::Impl::store(std::vector<StoreJob> &current)
{
    std::vector<NewSample> all;
    for (StoreJob &j : current)
        for (NewSample &n : j.samples)
            all.push_back(std::move(n));
    if (all.empty())
        return;
    try {
        if (sampleWriter->knownImages.size() > kKnownImagesLimit)
            sampleWriter->knownImages.clear(); // bounded memory: costs one look-up per image again
        const QList<qint64> ids = SampleStore(*workspace).add(std::move(all), *sampleWriter);
        qsizetype next = 0;
        for (StoreJob &j : current)
            for (size_t k = 0; k < j.samples.size(); ++k)
                j.answers[j.valid[k]].sampleId = ids.value(next++);
    } catch (const std::exception &e) {
        // An answer is only given once stored: every batch of the transaction is refused.
        const QString error = QStringLiteral("the samples could not be stored: %1").arg(QString::fromLocal8Bit(e.what()));
        spdlog::warn("inference service: {}", error);
        for (StoreJob &j : current) {
            for (size_t k = 0; k < j.samples.size(); ++k) {
                InferenceAnswer &a = j.answers[j.valid[k]];
                a = InferenceAnswer{0, j.modelId, -1, {}, {}, {}, a.originalName, error};
            }
        }
    }
    for (StoreJob &j : current)
        j.samples.clear();
}

void InferenceService::Impl::finish(StoreJob &j)
{
    // Counted before any future is fulfilled: a client that has its answer sees it counted.
    qint64 good = 0;
    for (const InferenceAnswer &a : j.answers)
        good += a.error.isEmpty();
    answered.fetch_add(good);
    const bool announce = options.storeSamples && q->isSignalConnected(QMetaMethod::fromSignal(&InferenceService::sampleStored));
    for (size_t i = 0; i < j.batch.size(); ++i) {
        if (announce && j.answers[i].error.isEmpty())
            Q_EMIT q->sampleStored(j.answers[i].sampleId);
        fulfil(j.batch[i], std::move(j.answers[i]));
    }
}

InferenceService::InferenceService(WorkspacePtr workspace, Options options, QObject *parent)
    : QObject(parent), d(std::make_unique<Impl>())
{
    d->q = this;
    d->workspace = std::move(workspace);
    d->options = options;
    d->options.maxBatch = std::max(1, d->options.maxBatch);
    d->options.maxWaitMicroseconds = std::max(0, d->options.maxWaitMicroseconds);
}

InferenceService::~InferenceService()
{
    QThread *worker = nullptr;
    std::deque<Pending> unanswered;
    {
        std::lock_guard lock(d->mutex);
        d->stopping = true;
        worker = d->worker;
        if (!worker)
            unanswered.swap(d->queue);
    }
    d->wake.notify_all();
    if (worker) {
        worker->wait(); // it answers what is queued first (and stops the writer)
        delete worker;
    }
    delete d->writer;
    for (Pending &p : unanswered) {
        InferenceAnswer a;
        a.originalName = p.request.originalName;
        a.error = QStringLiteral("the inference service stopped before it started");
        fulfil(p, std::move(a));
    }
}

void InferenceService::start()
{
    {
        std::lock_guard lock(d->mutex);
        if (d->started)
            return;
    }
    const ModelRegistry registry(*d->workspace);
    ModelVersion model;
    if (d->options.modelId > 0) {
        model = registry.require(d->options.modelId);
    } else {
        const std::optional<ModelVersion> production = registry.production();
        if (!production)
            throw UsageError(QStringLiteral("no model is in production yet: promote one first"));
        model = *production;
    }
    singleThreadedBlas(); // before the model's first product starts OpenBLAS's pool
    d->switchTo(loadServed(model, d->workspace->absolute(model.path), d->options.threads, d->options.maxBatch,
                           d->options.precision));
    d->lastAliasCheck = Clock::now();

    std::lock_guard lock(d->mutex);
    if (d->started || d->stopping)
        return;
    d->started = true;
    d->worker = QThread::create([impl = d.get()] { impl->run(); });
    d->worker->setObjectName(QStringLiteral("mlwb-inference"));
    if (d->options.storeSamples) {
        // Its own thread, so its own database connection (Database gives each thread one).
        d->writer = QThread::create([impl = d.get()] { impl->runWriter(); });
        d->writer->setObjectName(QStringLiteral("mlwb-inference-writer"));
        d->writer->start();
    }
    d->worker->start();
    spdlog::info("inference service: serving model {}", model.id);
}

QFuture<InferenceAnswer> InferenceService::submit(InferenceRequest request)
{
    QFuture<InferenceAnswer> future;
    submit(std::move(request), promising(future));
    return future;
}

QFuture<QList<InferenceAnswer>> InferenceService::submitAll(QList<InferenceRequest> requests)
{
    QFuture<QList<InferenceAnswer>> future;
    submitAll(std::move(requests), promising(future));
    return future;
}

void InferenceService::submit(InferenceRequest request, Done done)
{
    Pending pending;
    pending.done = OwedAnswer(std::move(done));
    {
        std::unique_lock lock(d->mutex);
        if (d->stopping) {
            lock.unlock();
            InferenceAnswer a;
            a.originalName = request.originalName;
            a.error = QStringLiteral("the inference service is stopping");
            fulfil(pending, std::move(a));
            return;
        }
        pending.request = std::move(request);
        d->queue.push_back(std::move(pending));
    }
    d->wake.notify_one();
}

void InferenceService::submitAll(QList<InferenceRequest> requests, DoneAll done)
{
    if (requests.isEmpty()) {
        done({});
        return;
    }
    auto group = std::make_shared<Group>();
    group->done = std::move(done);
    group->answers.resize(requests.size());
    for (qsizetype i = 0; i < requests.size(); ++i) {
        group->answers[i].originalName = requests[i].originalName;
        group->answers[i].error = stoppedBeforeAnswering();
    }
    group->remaining = requests.size();
    {
        std::unique_lock lock(d->mutex);
        if (!d->stopping) {
            for (qsizetype i = 0; i < requests.size(); ++i) {
                Pending pending;
                pending.request = std::move(requests[i]);
                pending.group = group;
                pending.index = i;
                d->queue.push_back(std::move(pending));
            }
            group.reset(); // the queue holds it now
            lock.unlock();
            d->wake.notify_one();
            return;
        }
    }
    for (qsizetype i = 0; i < requests.size(); ++i) {
        Pending pending;
        pending.group = group;
        pending.index = i;
        InferenceAnswer a;
        a.originalName = requests[i].originalName;
        a.error = QStringLiteral("the inference service is stopping");
        fulfil(pending, std::move(a));
    }
}

QJsonObject InferenceService::modelInfo() const
{
    std::lock_guard lock(d->infoMutex);
    return d->info;
}

qint64 InferenceService::servedModelId() const
{
    return d->servedId.load();
}

qint64 InferenceService::answered() const
{
    return d->answered.load();
}

} // namespace mlwb
