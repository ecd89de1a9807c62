#pragma once
#include "data/Dataset.h"

#include <QDialog>

namespace mlwb {

struct EvaluationResult;

// One evaluated sample up close: the image large with crisp pixels, its true class, the
// prediction, the data set index, and every class probability as a bar (highest first,
// the true class marked). Copies what it shows, so the result may change underneath it.
// Esc or Close closes it.
class SampleZoomDialog : public QDialog {
    Q_OBJECT
public:
    SampleZoomDialog(const Dataset &data, const EvaluationResult &result, qsizetype position,
                     const QStringList &classNames, QWidget *parent = nullptr);

    qint64 sampleIndex() const { return m_sample; }

private:
    qint64 m_sample;
};

} // namespace mlwb
