#pragma once
#include <array>
#include <utility>

namespace mlwb {

// The class a row of probabilities predicts. Ties go to the lowest class index, so that
// evaluation, failure cases and robustness always agree on what the model answered.
inline int argmax(const float *row, int numClasses)
{
    int best = 0;
    for (int c = 1; c < numClasses; ++c)
        if (row[c] > row[best])
            best = c;
    return best;
}

// The three most probable classes, most probable first (ties: lower class index first).
// With fewer than three classes the missing places are {-1, 0.0}.
inline std::array<std::pair<int, double>, 3> top3(const float *row, int numClasses)
{
    std::array<std::pair<int, double>, 3> top;
    top.fill({-1, 0.0});
    for (int c = 0; c < numClasses; ++c) {
        const double p = row[c];
        // Insertion into the short sorted list; strict > keeps the earlier class on ties.
        for (int place = 0; place < 3; ++place) {
            if (top[size_t(place)].first < 0 || p > top[size_t(place)].second) {
                for (int later = 2; later > place; --later)
                    top[size_t(later)] = top[size_t(later - 1)];
                top[size_t(place)] = {c, p};
                break;
            }
        }
    }
    return top;
}

} // namespace mlwb
