#include "evaluation/RobustnessView.h"

#include "plots/SvgExport.h"

#include "data/SampleImage.h"
#include "plots/PlotStyle.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QStackedLayout>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace mlwb {

namespace {

constexpr int kLevels = 6;            // clean + five severities
constexpr double kHoverDistance = 30; // pixels from a point beyond which nothing is shown
constexpr double kShownPenWidth = 3.2, kOtherPenWidth = 1.8;

int kindIndex(Corruption kind)
{
    const auto &kinds = allCorruptions();
    return int(std::find(kinds.begin(), kinds.end(), kind) - kinds.begin());
}

QString number(double value)
{
    return QString::number(value, 'g', 3);
}

std::uint8_t toByte(float value)
{
    return std::uint8_t(std::lround(std::clamp(value, 0.0f, 1.0f) * 255.0f));
}

} // namespace

// The chosen corruption's images: one row per sample, one column per level, drawn at the
// largest whole-pixel scale that fits so that the pixels stay crisp.
class CorruptionStrip : public QWidget {
public:
    struct Row {
        QString label;
        std::array<QImage, kLevels> images;
    };

    explicit CorruptionStrip(QWidget *parent) : QWidget(parent)
    {
        setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    }

    void setContent(std::vector<Row> rows, std::array<QString, kLevels> titles, QSize imageSize)
    {
        m_rows = std::move(rows);
        m_titles = std::move(titles);
        m_imageSize = imageSize;
        updateGeometry();
        update();
    }

    const std::vector<Row> &rows() const { return m_rows; }
    void setEmptyText(const QString &text) { m_emptyText = text; }
    void setLabelTitle(const QString &text) { m_labelTitle = text; }

    QSize sizeHint() const override { return gridSize(3); }
    QSize minimumSizeHint() const override { return gridSize(1); }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        if (m_rows.empty()) {
            painter.setPen(palette().color(QPalette::Disabled, QPalette::WindowText));
            painter.drawText(rect(), Qt::AlignCenter, m_emptyText);
            return;
        }
        int scale = 1;
        for (int s = kMaxScale; s > 1; --s)
            if (gridSize(s).width() <= width() && gridSize(s).height() <= height()) {
                scale = s;
                break;
            }
        const QFontMetrics metrics(font());
        const int labelWidth = labelColumnWidth(), column = columnWidth(scale), title = titleHeight();
        const QSize cell = m_imageSize * scale;
        painter.setRenderHint(QPainter::SmoothPixmapTransform, false); // nearest neighbour: crisp pixels

        const QColor muted = palette().color(QPalette::PlaceholderText);
        painter.setPen(muted);
        painter.drawText(QRect(0, 0, labelWidth - kGap, title), Qt::AlignRight | Qt::AlignVCenter, m_labelTitle);
        painter.setPen(palette().color(QPalette::WindowText));
        for (int level = 0; level < kLevels; ++level) {
            const QRect titleRect(labelWidth + level * (column + kGap), 0, column, title);
            painter.drawText(titleRect, Qt::AlignCenter, metrics.elidedText(m_titles[size_t(level)], Qt::ElideRight, column));
        }
        for (size_t r = 0; r < m_rows.size(); ++r) {
            const int top = title + int(r) * (cell.height() + kGap);
            painter.setPen(muted);
            painter.drawText(QRect(0, top, labelWidth - kGap, cell.height()), Qt::AlignRight | Qt::AlignVCenter,
                             metrics.elidedText(m_rows[r].label, Qt::ElideRight, labelWidth - kGap));
            for (int level = 0; level < kLevels; ++level) {
                const int left = labelWidth + level * (column + kGap) + (column - cell.width()) / 2;
                painter.drawImage(QRect(QPoint(left, top), cell), m_rows[r].images[size_t(level)]);
            }
        }
    }

private:
    static constexpr int kGap = 6, kMaxScale = 5, kMaxLabelWidth = 110;

    int titleHeight() const { return QFontMetrics(font()).height() + 6; }

    int labelColumnWidth() const
    {
        const QFontMetrics metrics(font());
        int widest = metrics.horizontalAdvance(m_labelTitle);
        for (const Row &row : m_rows)
            widest = std::max(widest, metrics.horizontalAdvance(row.label));
        return std::min(widest, kMaxLabelWidth) + 2 * kGap;
    }

    // Wide enough for the image at this scale and for its title.
    int columnWidth(int scale) const
    {
        const QFontMetrics metrics(font());
        int widest = 0;
        for (const QString &title : m_titles)
            widest = std::max(widest, metrics.horizontalAdvance(title));
        return std::max(m_imageSize.width() * scale, widest + 8);
    }

    QSize gridSize(int scale) const
    {
        if (m_rows.empty())
            return {200, 60};
        const int rows = int(m_rows.size());
        return {labelColumnWidth() + kLevels * (columnWidth(scale) + kGap),
                titleHeight() + rows * (m_imageSize.height() * scale + kGap)};
    }

    std::vector<Row> m_rows;
    std::array<QString, kLevels> m_titles;
    QSize m_imageSize;
    QString m_emptyText;
    QString m_labelTitle;
};

RobustnessView::RobustnessView(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedLayout), m_empty(new QLabel(this)), m_content(new QWidget(this)),
      m_plot(new QCustomPlot(m_content)), m_tracer(new QCPItemTracer(m_plot)), m_kinds(new QComboBox(m_content)),
      m_strip(new CorruptionStrip(m_content))
{
    m_empty->setObjectName(QStringLiteral("robustnessEmptyText"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false); // the muted look of a message, as on the Data page
    m_empty->setText(tr("No robustness results to show."));

    setUpPlot(m_plot, tr("Accuracy under corruptions"), tr("severity"), tr("accuracy"));
    // Six points per curve on fixed axes: nothing to zoom or pan, and every model's curves
    // read against the same 0–1 scale.
    m_plot->setInteractions(QCP::Interactions());
    m_plot->setToolTip(QString());
    m_plot->setMinimumHeight(240);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->addTick(0, tr("clean"));
    for (int level = 1; level < kLevels; ++level)
        ticker->addTick(level, QString::number(level));
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->grid()->setVisible(false);
    // Curves start high on the left and fall: the bottom left stays free for the legend.
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
    resetAxes();

    m_tracer->setStyle(QCPItemTracer::tsCircle);
    m_tracer->setSize(9);
    m_tracer->setPen(QPen(Qt::black, 1.5));
    m_tracer->setBrush(Qt::white);
    m_tracer->setInterpolating(false);
    m_tracer->setVisible(false);
    m_tracer->setLayer(QStringLiteral("overlay"));
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    connect(m_plot, &QCustomPlot::mouseMove, this, &RobustnessView::onPlotMouseMove);
    // After setUpPlot's own handler, which would refit the axes to the data.
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] { resetAxes(); });
    connect(m_plot, &QCustomPlot::plottableClick, this, [this](QCPAbstractPlottable *plottable) {
        for (int i = 0; i < m_plot->graphCount() && i < int(m_curves.size()); ++i)
            if (m_plot->graph(i) == plottable)
                setShownCorruption(m_curves[size_t(i)].kind);
    });
    connect(m_plot, &QCustomPlot::legendClick, this, [this](QCPLegend *, QCPAbstractLegendItem *item) {
        if (auto *entry = qobject_cast<QCPPlottableLegendItem *>(item))
            for (int i = 0; i < m_plot->graphCount() && i < int(m_curves.size()); ++i)
                if (m_plot->graph(i) == entry->plottable())
                    setShownCorruption(m_curves[size_t(i)].kind);
    });

    m_strip->setEmptyText(tr("No test images to show."));
    m_strip->setLabelTitle(tr("class"));
    for (Corruption kind : allCorruptions())
        m_kinds->addItem(corruptionName(kind), int(kind));
    connect(m_kinds, &QComboBox::currentIndexChanged, this, [this] {
        updateStrip();
        highlightShownCurve();
    });
    auto *hint = new QLabel(tr("(or click a curve)"), m_content);
    hint->setEnabled(false);
    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(6, 4, 6, 0);
    controls->addWidget(new QLabel(tr("Test images under"), m_content));
    controls->addWidget(m_kinds);
    controls->addWidget(hint);
    controls->addStretch(1);

    auto *content = new QVBoxLayout(m_content);
    content->setContentsMargins(0, 0, 0, 0);
    content->addWidget(m_plot, 3);
    content->addLayout(controls);
    content->addWidget(m_strip, 2);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_stack);
    showCurves();
    updateStrip();
}

QString RobustnessView::corruptionName(Corruption kind)
{
    switch (kind) {
    case Corruption::Noise:
        return tr("Gaussian noise");
    case Corruption::Blur:
        return tr("Blur");
    case Corruption::Shift:
        return tr("Shift");
    case Corruption::Contrast:
        return tr("Contrast");
    case Corruption::Rotation:
        return tr("Rotation");
    }
    return corruptionKey(kind);
}

// The units of Corruptions.h, each where a reader expects it: "σ 0.3", "σ 1.5 px", "3 px",
// "factor 0.4", "15°".
QString RobustnessView::severityText(Corruption kind, double value)
{
    switch (kind) {
    case Corruption::Noise:
        return tr("σ %1").arg(number(value));
    case Corruption::Blur:
        return tr("σ %1 px").arg(number(value));
    case Corruption::Shift:
        return tr("%1 px").arg(number(value));
    case Corruption::Contrast:
        return tr("factor %1").arg(number(value));
    case Corruption::Rotation:
        return tr("%1°").arg(number(value));
    }
    return number(value) + QLatin1Char(' ') + corruptionUnit(kind);
}

QString RobustnessView::describePoint(int curveIndex, int level) const
{
    if (curveIndex < 0 || curveIndex >= int(m_curves.size()))
        return {};
    const CorruptionCurve &curve = m_curves[size_t(curveIndex)];
    if (level < 0 || level >= int(curve.accuracy.size()))
        return {};
    const QString accuracy = QString::number(curve.accuracy[size_t(level)], 'f', 3);
    if (level == 0)
        return tr("%1, clean images: accuracy %2").arg(corruptionName(curve.kind), accuracy);
    const double severity = level < int(curve.severities.size()) ? curve.severities[size_t(level)] : double(level);
    return tr("%1 %2: accuracy %3").arg(corruptionName(curve.kind), severityText(curve.kind, severity), accuracy);
}

void RobustnessView::setCurves(std::vector<CorruptionCurve> curves)
{
    m_curves = std::move(curves);
    showCurves();
}

void RobustnessView::setSamples(DatasetPtr data, std::vector<qint64> sampleIndices)
{
    m_data = std::move(data);
    m_sampleIndices.clear();
    if (m_data)
        for (qint64 index : sampleIndices)
            if (index >= 0 && index < m_data->size())
                m_sampleIndices.push_back(index);
    updateStrip();
}

void RobustnessView::setEmptyText(const QString &text)
{
    m_empty->setText(text);
}

bool RobustnessView::showsEmptyText() const
{
    return m_stack->currentWidget() == m_empty;
}

void RobustnessView::setShownCorruption(Corruption kind)
{
    const int index = m_kinds->findData(int(kind));
    if (index >= 0)
        m_kinds->setCurrentIndex(index);
}

Corruption RobustnessView::shownCorruption() const
{
    return Corruption(m_kinds->currentData().toInt());
}

bool RobustnessView::savePlot(const QString &path)
{
    // A plot that was never laid out (a headless export) still gets a readable size there.
    return mlwb::savePlot(m_plot, path, tr("Accuracy under corruptions"));
}

QImage RobustnessView::stripImage(int sampleRow, int level) const
{
    const auto &rows = m_strip->rows();
    if (sampleRow < 0 || sampleRow >= int(rows.size()) || level < 0 || level >= kLevels)
        return {};
    return rows[size_t(sampleRow)].images[size_t(level)];
}

void RobustnessView::showCurves()
{
    hideHover();
    m_plot->clearGraphs();
    for (const CorruptionCurve &curve : m_curves) {
        QCPGraph *graph = m_plot->addGraph();
        graph->setName(corruptionName(curve.kind));
        QVector<double> levels, accuracy;
        for (size_t level = 0; level < curve.accuracy.size(); ++level) {
            levels << double(level);
            accuracy << curve.accuracy[level];
        }
        graph->setData(levels, accuracy, true);
    }
    highlightShownCurve();
    resetAxes();
    m_plot->legend->setVisible(!m_curves.empty());
    m_stack->setCurrentWidget(m_curves.empty() ? static_cast<QWidget *>(m_empty) : m_content);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

// The shown corruption's curve stands out, so that the strip below reads as its illustration.
void RobustnessView::highlightShownCurve()
{
    const Corruption shown = shownCorruption();
    for (int i = 0; i < m_plot->graphCount() && i < int(m_curves.size()); ++i) {
        const Corruption kind = m_curves[size_t(i)].kind;
        const QColor colour = seriesColour(kindIndex(kind));
        const bool isShown = kind == shown;
        QCPGraph *graph = m_plot->graph(i);
        graph->setPen(QPen(colour, isShown ? kShownPenWidth : kOtherPenWidth));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, Qt::white, isShown ? 8 : 6));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void RobustnessView::updateStrip()
{
    const Corruption kind = shownCorruption();
    std::array<QString, kLevels> titles;
    titles[0] = tr("clean");
    const std::vector<double> &severities = corruptionSeverities(kind);
    for (int level = 1; level < kLevels; ++level)
        titles[size_t(level)] = level - 1 < int(severities.size()) ? severityText(kind, severities[size_t(level - 1)])
                                                                    : QString::number(level);
    std::vector<CorruptionStrip::Row> rows;
    if (!m_data) {
        m_strip->setContent({}, titles, {});
        return;
    }
    const Dataset &data = *m_data;
    const size_t bytes = size_t(data.imageBytes());
    std::vector<float> clean(bytes), corrupted(bytes);
    std::vector<std::uint8_t> pixels(bytes);
    for (size_t row = 0; row < m_sampleIndices.size(); ++row) {
        const qint64 index = m_sampleIndices[row];
        const std::uint8_t *image = data.image(index);
        std::transform(image, image + bytes, clean.begin(), [](std::uint8_t v) { return float(v) / 255.0f; });
        CorruptionStrip::Row entry;
        const int label = data.labels[size_t(index)];
        entry.label = label < data.classNames.size() ? data.classNames[label] : QString::number(label);
        for (int level = 0; level < kLevels; ++level) {
            // Seed 1 and the row as the position: the same images look the same on every visit.
            corruptImage(kind, level, clean.data(), corrupted.data(), data.channels, data.height, data.width, 1,
                         qint64(row));
            std::transform(corrupted.begin(), corrupted.end(), pixels.begin(), toByte);
            entry.images[size_t(level)] = planarToImage(pixels.data(), data.channels, data.height, data.width);
        }
        rows.push_back(std::move(entry));
    }
    m_strip->setContent(std::move(rows), titles, QSize(data.width, data.height));
}

void RobustnessView::resetAxes()
{
    m_plot->xAxis->setRange(-0.3, kLevels - 1 + 0.3);
    m_plot->yAxis->setRange(0, 1.03); // a little room so that points at 100% stay whole
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void RobustnessView::onPlotMouseMove(QMouseEvent *event)
{
    const QPointF mouse = event->position();
    double best = std::numeric_limits<double>::max();
    int bestGraph = -1, bestLevel = -1;
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        QCPGraph *graph = m_plot->graph(g);
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
            const QPointF pixel = graph->coordsToPixels(it->key, it->value);
            const double distance = std::hypot(pixel.x() - mouse.x(), pixel.y() - mouse.y());
            if (distance < best) {
                best = distance;
                bestGraph = g;
                bestLevel = int(std::lround(it->key));
            }
        }
    }
    if (bestGraph < 0 || best > kHoverDistance) {
        hideHover();
        return;
    }
    m_tracer->setGraph(m_plot->graph(bestGraph));
    m_tracer->setGraphKey(bestLevel);
    m_tracer->setVisible(true);
    QToolTip::showText(event->globalPosition().toPoint(), describePoint(bestGraph, bestLevel), m_plot);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void RobustnessView::hideHover()
{
    if (!m_tracer->visible())
        return;
    m_tracer->setGraph(nullptr); // the graph may be about to go
    m_tracer->setVisible(false);
    QToolTip::hideText();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool RobustnessView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot && event->type() == QEvent::Leave)
        hideHover();
    return QWidget::eventFilter(watched, event);
}

} // namespace mlwb
