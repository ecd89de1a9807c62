#include "monitoring/Mmd.h"

#include "common/Error.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>
#include <random>

namespace mlwb {

namespace {

// ‖a − b‖², in eight independent float lanes so that the compiler can vectorise the sum
// without reassociating a single one (no -ffast-math here).
float squaredDistance(const float *a, const float *b, int d)
{
    float lanes[8] = {};
    int k = 0;
    for (; k + 8 <= d; k += 8)
        for (int l = 0; l < 8; ++l) {
            const float t = a[k + l] - b[k + l];
            lanes[l] += t * t;
        }
    float sum = 0;
    for (; k < d; ++k)
        sum += (a[k] - b[k]) * (a[k] - b[k]);
    for (float v : lanes)
        sum += v;
    return sum;
}

// Σⱼ a[j]·b[j] over j < n, in eight lanes as above.
double dot(const float *a, const float *b, qsizetype n)
{
    float lanes[8] = {};
    qsizetype k = 0;
    for (; k + 8 <= n; k += 8)
        for (int l = 0; l < 8; ++l)
            lanes[l] += a[k + l] * b[k + l];
    double sum = 0;
    for (; k < n; ++k)
        sum += double(a[k]) * double(b[k]);
    for (float v : lanes)
        sum += double(v);
    return sum;
}

// e^x for x ≤ 0 in float precision (relative error below 1e-7), for the kernel: 2^(x·log₂e)
// split into 2^k · 2^f, 2^f = e^(f·ln 2) by its Taylor series to the 9th term (the remainder
// is below 6e-8 on [0, 1)), 2^k put together from its bits. No library call in the loop: the
// library's exp was a third of a window's time in the CLI.
float negativeExp(double x)
{
    if (x < -87.0)
        return 0.0f;
    const double t = x * 1.4426950408889634; // log₂e
    int k = int(t);
    if (double(k) > t)
        --k; // ⌊t⌋ for negative t
    const double y = (t - double(k)) * 0.6931471805599453;
    const double p =
        1 + y * (1 + y * (1.0 / 2 + y * (1.0 / 6 + y * (1.0 / 24 + y * (1.0 / 120 + y * (1.0 / 720 + y * (1.0 / 5040 + y / 40320)))))));
    return float(p * std::bit_cast<double>(quint64(k + 1023) << 52));
}

// A uniform integer in [0, bound) from the engine's raw output (std::uniform_int_distribution
// differs between standard libraries; these draws must repeat everywhere).
quint64 uniformBelow(std::mt19937_64 &engine, quint64 bound)
{
    const quint64 limit = std::numeric_limits<quint64>::max() - std::numeric_limits<quint64>::max() % bound;
    quint64 x = engine();
    while (x >= limit)
        x = engine();
    return x % bound;
}

// The first k places of a partial Fisher–Yates shuffle of `order`.
void shuffleFirst(std::vector<qsizetype> &order, qsizetype k, std::mt19937_64 &engine)
{
    const qsizetype n = qsizetype(order.size());
    for (qsizetype i = 0; i < k && i < n - 1; ++i)
        std::swap(order[size_t(i)], order[size_t(i + qsizetype(uniformBelow(engine, quint64(n - i))))]);
}

// k of n indices drawn without replacement (all of them, in order, when k ≥ n).
std::vector<qsizetype> drawSubset(qsizetype n, qsizetype k, quint64 seed)
{
    std::vector<qsizetype> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    if (k >= n)
        return order;
    std::mt19937_64 engine(seed);
    shuffleFirst(order, k, engine);
    order.resize(size_t(k));
    return order;
}

double median(std::vector<float> values)
{
    if (values.empty())
        return 0;
    const size_t mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + qsizetype(mid), values.end());
    double m = values[mid];
    if (values.size() % 2 == 0)
        m = (m + double(*std::max_element(values.begin(), values.begin() + qsizetype(mid)))) / 2;
    return m;
}

void checkFinite(const float *values, size_t count, const char *what)
{
    for (size_t i = 0; i < count; ++i)
        if (!std::isfinite(values[i]))
            throw UsageError(QStringLiteral("MMD: the %1 embeddings hold a value that is not finite").arg(QLatin1String(what)));
}

} // namespace

MmdReference::MmdReference(const float *points, qsizetype n, int dimension, qsizetype subsample, double bandwidth,
                           quint64 seed)
    : m_dimension(dimension)
{
    if (dimension < 1 || n < 2)
        throw UsageError(QStringLiteral("MMD needs at least 2 reference points of dimension ≥ 1 (got %1 of %2)")
                             .arg(n).arg(dimension));
    checkFinite(points, size_t(n) * size_t(dimension), "reference");
    const std::vector<qsizetype> kept = drawSubset(n, std::max<qsizetype>(2, subsample), seed);
    m_size = qsizetype(kept.size());
    m_points.resize(size_t(m_size) * size_t(dimension));
    for (qsizetype i = 0; i < m_size; ++i)
        std::copy_n(points + kept[size_t(i)] * dimension, dimension, m_points.data() + i * dimension);

    const size_t m = size_t(m_size);
    m_kernel.assign(m * m, 0.0f);
    std::vector<float> distances; // squared, one per pair
    distances.reserve(m * (m - 1) / 2);
    for (size_t i = 0; i < m; ++i)
        for (size_t j = 0; j < i; ++j) {
            const float d2 = squaredDistance(m_points.data() + i * size_t(dimension), m_points.data() + j * size_t(dimension), dimension);
            m_kernel[i * m + j] = d2;
            distances.push_back(d2);
        }
    m_bandwidth = bandwidth > 0 ? bandwidth : std::sqrt(median(distances));
    if (!(m_bandwidth > 0))
        m_bandwidth = 1.0; // all reference points equal: any scale tells them apart from others
    const double gamma = 1.0 / (2.0 * m_bandwidth * m_bandwidth);
    for (size_t i = 0; i < m; ++i)
        for (size_t j = 0; j < i; ++j)
            m_kernel[j * m + i] = m_kernel[i * m + j] = negativeExp(-gamma * double(m_kernel[i * m + j]));
}

MmdResult MmdReference::test(const float *window, qsizetype n, const MmdOptions &options, const CancelFlag *cancel) const
{
    if (n < 2)
        throw UsageError(QStringLiteral("MMD needs at least 2 window points (got %1)").arg(n));
    if (options.permutations < 1)
        throw UsageError(QStringLiteral("MMD needs at least one permutation (got %1)").arg(options.permutations));
    checkFinite(window, size_t(n) * size_t(m_dimension), "window");
    const int d = m_dimension;
    const double gamma = 1.0 / (2.0 * m_bandwidth * m_bandwidth);
    const auto kernel = [&](const float *a, const float *b) { return negativeExp(-gamma * double(squaredDistance(a, b, d))); };

    // The pooled points: the window's tested points first, then the reference's.
    const std::vector<qsizetype> tested = drawSubset(n, std::max<qsizetype>(2, options.windowSubsample), options.seed ^ 0x9e3779b97f4a7c15ull);
    const size_t nx = tested.size(), ny = size_t(m_size), total = nx + ny;
    const auto windowPoint = [&](size_t i) { return window + tested[i] * d; };
    std::vector<float> pooled(total * total, 0.0f);
    for (size_t i = 0; i < nx; ++i) {
        if (cancel && cancel->isCancelled())
            throw Cancelled();
        float *row = pooled.data() + i * total;
        for (size_t j = 0; j < i; ++j)
            row[j] = pooled[j * total + i] = kernel(windowPoint(i), windowPoint(j));
        for (size_t j = 0; j < ny; ++j)
            row[nx + j] = pooled[(nx + j) * total + i] = kernel(windowPoint(i), m_points.data() + j * size_t(d));
    }
    for (size_t i = 0; i < ny; ++i)
        std::copy_n(m_kernel.data() + i * ny, ny, pooled.data() + (nx + i) * total + nx);

    std::vector<double> rowSums(total);
    double sumAll = 0;
    for (size_t i = 0; i < total; ++i) {
        rowSums[i] = std::accumulate(pooled.begin() + qsizetype(i * total), pooled.begin() + qsizetype((i + 1) * total), 0.0);
        sumAll += rowSums[i];
    }

    // Any split is described by its smaller group A (size a, indicator z): S_AA = zᵀKz from
    // the lower triangle, S_AB = Σ_{i∈A} rowSum(i) − S_AA, S_BB = ΣK − S_AA − 2·S_AB.
    const size_t a = std::min(nx, ny), b = total - a;
    std::vector<float> z(total, 0.0f);
    std::vector<qsizetype> members(a);
    const auto statistic = [&]() {
        double within = 0, rows = 0;
        for (qsizetype i : members) {
            within += dot(pooled.data() + size_t(i) * total, z.data(), i);
            rows += rowSums[size_t(i)];
        }
        const double saa = 2 * within, sab = rows - saa, sbb = sumAll - saa - 2 * sab;
        return saa / (double(a) * double(a - 1)) + sbb / (double(b) * double(b - 1)) - 2 * sab / (double(a) * double(b));
    };
    const auto assign = [&](const qsizetype *first) {
        std::fill(z.begin(), z.end(), 0.0f);
        std::copy_n(first, a, members.begin());
        std::sort(members.begin(), members.end());
        for (qsizetype i : members)
            z[size_t(i)] = 1.0f;
    };

    std::vector<qsizetype> order(total);
    std::iota(order.begin(), order.end(), 0);
    assign(order.data() + (a == nx ? 0 : nx)); // the observed split
    MmdResult r;
    r.mmd2 = statistic();
    r.bandwidth = m_bandwidth;
    r.permutations = options.permutations;
    r.windowPoints = qsizetype(nx);
    r.referencePoints = qsizetype(ny);

    std::mt19937_64 engine(options.seed);
    int atLeast = 0;
    for (int p = 0; p < options.permutations; ++p) {
        if (cancel && cancel->isCancelled())
            throw Cancelled();
        shuffleFirst(order, qsizetype(a), engine);
        assign(order.data());
        atLeast += statistic() >= r.mmd2;
    }
    r.pValue = double(1 + atLeast) / double(1 + options.permutations);

    // The witness of every window point: tested ones from their pooled row, the others anew.
    std::vector<bool> isTested(size_t(n), false);
    std::vector<size_t> rowOf(size_t(n), 0);
    for (size_t i = 0; i < nx; ++i) {
        isTested[size_t(tested[i])] = true;
        rowOf[size_t(tested[i])] = i;
    }
    r.witness.resize(size_t(n));
    for (qsizetype k = 0; k < n; ++k) {
        double toWindow = 0, toReference = 0;
        if (isTested[size_t(k)]) {
            const float *row = pooled.data() + rowOf[size_t(k)] * total;
            toWindow = std::accumulate(row, row + nx, 0.0) / double(nx - 1);
            toReference = std::accumulate(row + nx, row + total, 0.0) / double(ny);
        } else {
            const float *x = window + k * d;
            for (size_t j = 0; j < nx; ++j)
                toWindow += kernel(x, windowPoint(j));
            for (size_t j = 0; j < ny; ++j)
                toReference += kernel(x, m_points.data() + j * size_t(d));
            toWindow /= double(nx);
            toReference /= double(ny);
        }
        r.witness[size_t(k)] = toWindow - toReference;
    }
    return r;
}

} // namespace mlwb
