#pragma once
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <vector>

namespace mlwb {

// K×K counts of (true class, predicted class): rows are the true class, columns the
// prediction, so the diagonal holds the correct answers.
class ConfusionMatrix {
public:
    ConfusionMatrix() = default;
    explicit ConfusionMatrix(int numClasses); // UsageError when numClasses < 0

    int numClasses() const { return m_numClasses; }
    // Throws Error naming the label when either is outside [0, numClasses).
    void add(int trueLabel, int predicted);
    qint64 at(int trueLabel, int predicted) const; // Error when out of range
    qint64 total() const { return m_total; }
    qint64 correct() const;                 // the diagonal's sum
    qint64 support(int trueLabel) const;    // row sum
    qint64 predictedCount(int predicted) const; // column sum

    QJsonArray toJson() const; // [[row 0 counts], [row 1 counts], ...]
    // Throws Error naming `origin` unless `json` is a square array of non-negative integers.
    static ConfusionMatrix fromJson(const QJsonArray &json, const QString &origin);

    bool operator==(const ConfusionMatrix &other) const = default;

private:
    void checkLabel(int label, const char *what) const;

    int m_numClasses = 0;
    std::vector<qint64> m_counts; // row-major
    qint64 m_total = 0;
};

struct ClassMetrics {
    double precision = 0;
    double recall = 0;
    double f1 = 0;
    qint64 support = 0; // number of samples whose true class this is
};

// Zero divisions follow scikit-learn's zero_division=0: a class never predicted has
// precision 0, a class with no support has recall 0, and F1 is 0 when precision + recall
// is 0. Every one of the K classes counts in the macro average, even one absent from the
// test set: the model was asked to know K classes, and a class it cannot show it knows
// should pull the score down rather than silently vanish (this is also what scikit-learn
// does when given the full label list). The weighted average weighs by support, so such
// a class adds nothing there.
struct ClassificationReport {
    double accuracy = 0; // 0 for an empty test set
    std::vector<ClassMetrics> perClass;
    double macroF1 = 0;
    double weightedF1 = 0;
    ConfusionMatrix confusion;

    // {"samples", "accuracy", "macroF1", "weightedF1", "classes": [names],
    //  "perClass": [{"class", "precision", "recall", "f1", "support"}], "confusion": [[...]]}
    // classNames may be empty (then the class index is used as its name); otherwise it
    // must have one name per class (UsageError).
    QJsonObject toJson(const QStringList &classNames) const;

    // Reads what toJson wrote. The derived numbers are recomputed from the confusion matrix,
    // so the two can never disagree. Throws Error naming `origin` on a malformed object.
    // When classNames is given, it receives the stored class names.
    static ClassificationReport fromJson(const QJsonObject &json,
                                         const QString &origin = QStringLiteral("evaluation report"),
                                         QStringList *classNames = nullptr);
};

// All metrics from a confusion matrix.
ClassificationReport reportFromConfusion(const ConfusionMatrix &confusion);

// truth[i] and predicted[i] are class indices in [0, numClasses). Throws UsageError when
// numClasses < 1 or the sizes differ, Error naming the position of an out-of-range label.
ClassificationReport classificationReport(const std::vector<int> &truth, const std::vector<int> &predicted,
                                          int numClasses);

} // namespace mlwb
