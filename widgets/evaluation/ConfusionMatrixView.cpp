#include "evaluation/ConfusionMatrixView.h"

#include "plots/SvgExport.h"

#include <QFileInfo>
#include <QHelpEvent>
#include <QImage>
#include <QKeyEvent>
#include <QLinearGradient>
#include <QLocale>
#include <QMouseEvent>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>

namespace mlwb {

namespace {

using Stops = std::array<QRgb, 5>;
// ColorBrewer's sequential Blues and Oranges, starting one step above white so that the
// smallest non-zero value is still visibly coloured; blue against orange also stays apart
// for red-green colour blindness.
const Stops kBlues = {0xdeebf7, 0x9ecae1, 0x4292c6, 0x2171b5, 0x08306b};
const Stops kOranges = {0xfee6ce, 0xfdae6b, 0xf16913, 0xd94801, 0x7f2704};
// The two halves of the diverging RdBu scale, each from near the white middle outwards.
const Stops kNegative = {0xd1e5f0, 0x92c5de, 0x4393c3, 0x2166ac, 0x053061};
const Stops kPositive = {0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f};
const QColor kZero(0xf2, 0xf2, 0xf2); // a cell with nothing in it, apart from the white gaps between cells
const QChar kMinus(0x2212);

// The lowest point of the scale that a non-zero value gets: one stray error must not look
// like no error at all.
constexpr double kFloor = 0.05;

QColor interpolate(const Stops &stops, double t)
{
    t = std::clamp(t, 0.0, 1.0) * double(stops.size() - 1);
    const int i = std::min(int(t), int(stops.size()) - 2);
    const double f = t - i;
    const QColor a(stops[size_t(i)]), b(stops[size_t(i) + 1]);
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f), float(a.greenF() + (b.greenF() - a.greenF()) * f),
                            float(a.blueF() + (b.blueF() - a.blueF()) * f));
}

double luminance(const QColor &colour) // WCAG relative luminance
{
    auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF());
}

// Whichever of near-black and white contrasts more with the cell.
QColor textColourOn(const QColor &background)
{
    const QColor dark(0x1a, 0x1a, 0x1a);
    const double l = luminance(background);
    const double onDark = (l + 0.05) / (luminance(dark) + 0.05);
    const double onWhite = 1.05 / (l + 0.05);
    return onDark >= onWhite ? dark : QColor(Qt::white);
}

QFont pixelFont(const QFont &font, int pixelSize)
{
    QFont f = font;
    f.setPixelSize(std::max(1, pixelSize));
    return f;
}

} // namespace

ConfusionMatrixView::ConfusionMatrixView(QWidget *parent)
    : QWidget(parent), m_emptyText(tr("No confusion matrix to show."))
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true); // the hover outline
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ConfusionMatrixView::setMatrix(const ConfusionMatrix &matrix, const QStringList &classNames)
{
    m_difference = false;
    m_problem.clear();
    setData(matrix, nullptr, classNames);
}

void ConfusionMatrixView::setDifference(const ConfusionMatrix &a, const ConfusionMatrix &b, const QStringList &classNames)
{
    if (a.numClasses() != b.numClasses()) {
        clear();
        m_problem = tr("The two models cannot be compared: one knows %1 classes, the other %2.")
                        .arg(a.numClasses())
                        .arg(b.numClasses());
        update();
        return;
    }
    m_difference = true;
    m_problem.clear();
    setData(a, &b, classNames);
}

void ConfusionMatrixView::clear()
{
    m_difference = false;
    m_problem.clear();
    setData(ConfusionMatrix(), nullptr, {});
}

void ConfusionMatrixView::setData(const ConfusionMatrix &a, const ConfusionMatrix *b, const QStringList &classNames)
{
    m_matrix = a;
    m_other = b ? *b : ConfusionMatrix();
    m_classes = a.numClasses();
    m_names = classNames;
    // A selection that still means something in the new matrix stays.
    if (m_selectedTrue >= m_classes || m_selectedPredicted >= m_classes || m_classes == 0)
        m_selectedTrue = m_selectedPredicted = -1;
    m_hover = {};
    updateScales();
    invalidateLayout();
}

void ConfusionMatrixView::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    updateScales();
    invalidateLayout();
}

void ConfusionMatrixView::setEmptyText(const QString &text)
{
    m_emptyText = text;
    update();
}

void ConfusionMatrixView::updateScales()
{
    m_diagonalMax = m_errorMax = m_differenceMax = 0;
    for (int t = 0; t < m_classes; ++t)
        for (int p = 0; p < m_classes; ++p) {
            if (m_difference) {
                m_differenceMax = std::max(m_differenceMax, double(std::abs(value(t, p))));
                continue;
            }
            const double v = m_mode == Mode::Counts ? double(m_matrix.at(t, p)) : std::max(0.0, share(t, p));
            double &max = t == p ? m_diagonalMax : m_errorMax;
            max = std::max(max, v);
        }
}

qint64 ConfusionMatrixView::value(int trueClass, int predictedClass) const
{
    const qint64 a = m_matrix.at(trueClass, predictedClass);
    return m_difference ? m_other.at(trueClass, predictedClass) - a : a;
}

double ConfusionMatrixView::share(int trueClass, int predictedClass) const
{
    const qint64 support = m_matrix.support(trueClass);
    return support > 0 ? double(m_matrix.at(trueClass, predictedClass)) / double(support) : -1;
}

QString ConfusionMatrixView::name(int index) const
{
    return index < m_names.size() && !m_names[index].isEmpty() ? m_names[index] : QString::number(index);
}

QString ConfusionMatrixView::percent(double share) const
{
    const QLocale locale;
    return locale.toString(100 * share, 'f', 1) + locale.percent();
}

QString ConfusionMatrixView::cellText(int trueClass, int predictedClass) const
{
    if (trueClass < 0 || trueClass >= m_classes || predictedClass < 0 || predictedClass >= m_classes)
        return {};
    QLocale locale;
    locale.setNumberOptions(QLocale::OmitGroupSeparator); // narrow cells
    const qint64 v = value(trueClass, predictedClass);
    if (m_difference)
        return v > 0 ? QLatin1Char('+') + locale.toString(v) : v < 0 ? kMinus + locale.toString(-v) : QStringLiteral("0");
    if (m_mode == Mode::RowNormalised) {
        const double s = share(trueClass, predictedClass);
        return s < 0 ? QString(QChar(0x2013)) : percent(s); // an en dash: a class without images has no shares
    }
    return locale.toString(v);
}

QString ConfusionMatrixView::cellToolTip(int trueClass, int predictedClass) const
{
    if (trueClass < 0 || trueClass >= m_classes || predictedClass < 0 || predictedClass >= m_classes)
        return {};
    const QLocale locale;
    auto images = [&](qint64 n) { return n == 1 ? tr("1 image") : tr("%1 images").arg(locale.toString(n)); };
    const QString cell = tr("True %1 → predicted %2").arg(name(trueClass), name(predictedClass));
    const qint64 a = m_matrix.at(trueClass, predictedClass);
    if (m_difference) {
        const qint64 b = m_other.at(trueClass, predictedClass);
        if (a == b)
            return tr("%1: %2 in both models").arg(cell, images(a));
        const qint64 d = std::abs(b - a);
        const QString change = b > a ? (d == 1 ? tr("1 more image") : tr("%1 more images").arg(locale.toString(d)))
                                     : (d == 1 ? tr("1 image fewer") : tr("%1 fewer images").arg(locale.toString(d)));
        return tr("%1: model B has %2 than model A (A: %3, B: %4)").arg(cell, change, locale.toString(a), locale.toString(b));
    }
    const double s = share(trueClass, predictedClass);
    if (s < 0)
        return tr("%1: %2 (the test set has no images of this class)").arg(cell, images(a));
    return tr("%1: %2 (%3 of the row)").arg(cell, images(a), percent(s));
}

QString ConfusionMatrixView::headerToolTip(const Hit &hit) const
{
    const QLocale locale;
    auto images = [&](qint64 n) { return n == 1 ? tr("1 image") : tr("%1 images").arg(locale.toString(n)); };
    auto ratio = [&](qint64 part, qint64 whole) { return whole > 0 ? percent(double(part) / double(whole)) : tr("n/a"); };
    if (hit.predictedClass < 0) {
        const int t = hit.trueClass;
        if (m_difference)
            return tr("True %1: model A %2 correct, model B %3 correct")
                .arg(name(t), ratio(m_matrix.at(t, t), m_matrix.support(t)), ratio(m_other.at(t, t), m_other.support(t)));
        return tr("True %1: %2, %3 of them predicted correctly")
            .arg(name(t), images(m_matrix.support(t)), ratio(m_matrix.at(t, t), m_matrix.support(t)));
    }
    const int p = hit.predictedClass;
    if (m_difference)
        return tr("Predicted %1: model A %2, model B %3")
            .arg(name(p), images(m_matrix.predictedCount(p)), images(m_other.predictedCount(p)));
    return tr("Predicted %1: %2, %3 of them correct")
        .arg(name(p), images(m_matrix.predictedCount(p)), ratio(m_matrix.at(p, p), m_matrix.predictedCount(p)));
}

QColor ConfusionMatrixView::scaleColour(Scale scale, double fraction) const
{
    if (fraction == 0)
        return kZero;
    const double t = kFloor + (1 - kFloor) * std::min(1.0, std::abs(fraction));
    switch (scale) {
    case Scale::Correct: return interpolate(kBlues, t);
    case Scale::Errors: return interpolate(kOranges, t);
    case Scale::Difference: return interpolate(fraction < 0 ? kNegative : kPositive, t);
    }
    return kZero;
}

QColor ConfusionMatrixView::cellColour(int trueClass, int predictedClass) const
{
    if (trueClass < 0 || trueClass >= m_classes || predictedClass < 0 || predictedClass >= m_classes)
        return {};
    if (m_difference) {
        const double v = double(value(trueClass, predictedClass));
        return scaleColour(Scale::Difference, m_differenceMax > 0 ? v / m_differenceMax : 0);
    }
    const bool diagonal = trueClass == predictedClass;
    const double v = m_mode == Mode::Counts ? double(m_matrix.at(trueClass, predictedClass))
                                            : std::max(0.0, share(trueClass, predictedClass));
    const double max = diagonal ? m_diagonalMax : m_errorMax;
    return scaleColour(diagonal ? Scale::Correct : Scale::Errors, max > 0 ? v / max : 0);
}

std::vector<ConfusionMatrixView::LegendSection> ConfusionMatrixView::legendSections() const
{
    if (m_difference) {
        QLocale locale;
        locale.setNumberOptions(QLocale::OmitGroupSeparator);
        const qint64 max = qint64(m_differenceMax);
        return {{Scale::Difference, tr("B − A"), max > 0 ? QLatin1Char('+') + locale.toString(max) : QStringLiteral("0"),
                 QStringLiteral("0"), max > 0 ? kMinus + locale.toString(max) : QStringLiteral("0")}};
    }
    auto label = [&](double v) {
        QLocale locale;
        locale.setNumberOptions(QLocale::OmitGroupSeparator);
        return m_mode == Mode::Counts ? locale.toString(qint64(v)) : percent(v);
    };
    return {{Scale::Correct, tr("correct"), label(m_diagonalMax), {}, label(0)},
            {Scale::Errors, tr("errors"), label(m_errorMax), {}, label(0)}};
}

// ---- geometry

namespace {
constexpr int kStripWidth = 12;
constexpr int kLegendGap = 14;    // between the cells and the legend
constexpr int kNameLimit = 120;   // longer class names are elided
constexpr int kMinimumTextPixels = 7;
} // namespace

ConfusionMatrixView::Frame ConfusionMatrixView::frame(const QFontMetrics &metrics) const
{
    Frame f;
    const int line = metrics.height();
    f.axisTitle = line + 6;
    for (int c = 0; c < m_classes; ++c)
        f.widestName = std::max(f.widestName, metrics.horizontalAdvance(name(c)));
    f.widestName = std::min(f.widestName, kNameLimit);
    f.rowHeaderWidth = f.widestName + 10;
    f.flatHeaderHeight = line + 6;
    f.rotatedHeaderHeight = f.widestName + 10;
    int widestLabel = 0, widestTitle = 0;
    for (const LegendSection &section : legendSections()) {
        widestTitle = std::max(widestTitle, metrics.horizontalAdvance(section.title));
        for (const QString &label : {section.top, section.middle, section.bottom})
            widestLabel = std::max(widestLabel, metrics.horizontalAdvance(label));
    }
    f.legendWidth = kLegendGap + std::max(widestTitle, kStripWidth + 4 + widestLabel);
    return f;
}

ConfusionMatrixView::Layout ConfusionMatrixView::computeLayout(const QSize &size) const
{
    Layout l;
    l.size = size;
    const int basePixels = QFontInfo(font()).pixelSize();
    l.textFont = pixelFont(font(), basePixels);
    if (m_classes == 0)
        return l;
    const QFontMetrics metrics(l.textFont);
    const Frame f = frame(metrics);
    l.frame = f;
    const int k = m_classes;
    auto cellFor = [&](int headerHeight) {
        const int width = size.width() - 2 * f.margin - f.axisTitle - f.rowHeaderWidth - f.legendWidth;
        const int height = size.height() - 2 * f.margin - f.axisTitle - headerHeight;
        return std::max(2, std::min(width, height) / k);
    };
    l.cell = cellFor(f.flatHeaderHeight);
    l.columnHeaderHeight = f.columnHeaderHeight(l.cell);
    if (l.columnHeaderHeight != f.flatHeaderHeight) // the names went upright: the cells get less room
        l.cell = cellFor(l.columnHeaderHeight);
    l.rotatedColumnNames = l.columnHeaderHeight != f.flatHeaderHeight;

    // The whole picture, centred in the widget.
    const int side = k * l.cell;
    const int blockWidth = f.axisTitle + f.rowHeaderWidth + side + f.legendWidth;
    const int blockHeight = f.axisTitle + l.columnHeaderHeight + side;
    const int left = std::max(f.margin, (size.width() - blockWidth) / 2);
    const int top = std::max(f.margin, (size.height() - blockHeight) / 2);
    l.grid = QRect(left + f.axisTitle + f.rowHeaderWidth, top + f.axisTitle + l.columnHeaderHeight, side, side);
    l.legend = QRect(l.grid.right() + 1 + kLegendGap, l.grid.top(), f.legendWidth - kLegendGap, side);

    // Class names shrink to the cells down to a readable size, then only every n-th is written.
    const int headerPixels = std::clamp(l.cell - 1, kMinimumTextPixels, basePixels);
    l.headerFont = pixelFont(font(), headerPixels);
    l.labelStep = std::max(1, int(std::ceil(double(QFontMetrics(l.headerFont).height()) / l.cell)));

    // Numbers shrink with the cells, and are left out below a readable size.
    int widest = 1;
    for (int t = 0; t < k; ++t)
        for (int p = 0; p < k; ++p)
            widest = std::max(widest, metrics.horizontalAdvance(cellText(t, p)));
    const double byWidth = double(basePixels) * (l.cell - 6) / widest;
    const double byHeight = double(basePixels) * (l.cell - 2) / metrics.height();
    const int cellPixels = std::min(basePixels, int(std::floor(std::min(byWidth, byHeight))));
    l.cellText = cellPixels >= kMinimumTextPixels;
    l.cellFont = pixelFont(font(), cellPixels);
    return l;
}

const ConfusionMatrixView::Layout &ConfusionMatrixView::layout() const
{
    // By size rather than only in resizeEvent: a hidden widget gets its resize event late.
    if (!m_layout || m_layout->size != size())
        m_layout = computeLayout(size());
    return *m_layout;
}

void ConfusionMatrixView::invalidateLayout()
{
    m_layout.reset();
    updateGeometry();
    update();
}

QRect ConfusionMatrixView::cellRect(const Layout &l, int trueClass, int predictedClass) const
{
    if (trueClass < 0 || trueClass >= m_classes || predictedClass < 0 || predictedClass >= m_classes)
        return {};
    return QRect(l.grid.left() + predictedClass * l.cell, l.grid.top() + trueClass * l.cell, l.cell, l.cell);
}

QRect ConfusionMatrixView::rowHeaderRect(const Layout &l, int trueClass) const
{
    if (trueClass < 0 || trueClass >= m_classes)
        return {};
    return QRect(l.grid.left() - l.frame.rowHeaderWidth, l.grid.top() + trueClass * l.cell, l.frame.rowHeaderWidth, l.cell);
}

QRect ConfusionMatrixView::columnHeaderRect(const Layout &l, int predictedClass) const
{
    if (predictedClass < 0 || predictedClass >= m_classes)
        return {};
    return QRect(l.grid.left() + predictedClass * l.cell, l.grid.top() - l.columnHeaderHeight, l.cell, l.columnHeaderHeight);
}

QRect ConfusionMatrixView::cellRect(int trueClass, int predictedClass) const
{
    return cellRect(layout(), trueClass, predictedClass);
}

QRect ConfusionMatrixView::rowHeaderRect(int trueClass) const
{
    return rowHeaderRect(layout(), trueClass);
}

QRect ConfusionMatrixView::columnHeaderRect(int predictedClass) const
{
    return columnHeaderRect(layout(), predictedClass);
}

bool ConfusionMatrixView::showsCellText() const
{
    return hasMatrix() && layout().cellText;
}

ConfusionMatrixView::Hit ConfusionMatrixView::hitTest(const QPoint &point) const
{
    if (!hasMatrix())
        return {};
    const Layout &l = layout();
    const QRect &g = l.grid;
    auto index = [&](int offset) { return std::clamp(offset / l.cell, 0, m_classes - 1); };
    const bool inRows = point.y() >= g.top() && point.y() <= g.bottom();
    const bool inColumns = point.x() >= g.left() && point.x() <= g.right();
    if (inRows && inColumns)
        return {index(point.y() - g.top()), index(point.x() - g.left())};
    if (inRows && point.x() >= g.left() - l.frame.rowHeaderWidth && point.x() < g.left())
        return {index(point.y() - g.top()), -1};
    if (inColumns && point.y() >= g.top() - l.columnHeaderHeight && point.y() < g.top())
        return {-1, index(point.x() - g.left())};
    return {};
}

std::optional<std::pair<int, int>> ConfusionMatrixView::cellAt(const QPoint &point) const
{
    const Hit hit = hitTest(point);
    if (hit.trueClass < 0 || hit.predictedClass < 0)
        return std::nullopt;
    return std::pair(hit.trueClass, hit.predictedClass);
}

QSize ConfusionMatrixView::preferredSize(int cell) const
{
    const Frame f = frame(QFontMetrics(pixelFont(font(), QFontInfo(font()).pixelSize())));
    const int side = m_classes * cell;
    return QSize(2 * f.margin + f.axisTitle + f.rowHeaderWidth + side + f.legendWidth,
                 2 * f.margin + f.axisTitle + f.columnHeaderHeight(cell) + side);
}

QSize ConfusionMatrixView::sizeHint() const
{
    if (!hasMatrix())
        return QSize(360, 240);
    return preferredSize(std::clamp(340 / m_classes, 14, 60)); // ten classes: about 34 pixels a cell
}

QSize ConfusionMatrixView::minimumSizeHint() const
{
    if (!hasMatrix())
        return QSize(160, 100);
    return preferredSize(std::clamp(160 / m_classes, 5, 24));
}

// ---- selection

void ConfusionMatrixView::setSelection(int trueClass, int predictedClass)
{
    if (trueClass < -1 || trueClass >= m_classes || predictedClass < -1 || predictedClass >= m_classes)
        trueClass = predictedClass = -1;
    if (trueClass == m_selectedTrue && predictedClass == m_selectedPredicted)
        return;
    m_selectedTrue = trueClass;
    m_selectedPredicted = predictedClass;
    update();
}

void ConfusionMatrixView::clearSelection()
{
    setSelection(-1, -1);
}

// The headers sit at index -1 of the other axis, so the arrows walk from the cells onto them
// and back; the corner where they meet is not a place.
void ConfusionMatrixView::moveSelection(int dRow, int dColumn)
{
    if (m_selectedTrue < 0 && m_selectedPredicted < 0) {
        setSelection(0, 0);
        return;
    }
    const int row = std::clamp(m_selectedTrue + dRow, -1, m_classes - 1);
    const int column = std::clamp(m_selectedPredicted + dColumn, -1, m_classes - 1);
    if (row >= 0 || column >= 0)
        setSelection(row, column);
}

// ---- events

bool ConfusionMatrixView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const Hit hit = hitTest(help->pos());
        if (!hit.valid()) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const bool isCell = hit.trueClass >= 0 && hit.predictedClass >= 0;
        const QString text = isCell ? cellToolTip(hit.trueClass, hit.predictedClass) : headerToolTip(hit);
        const QRect area = isCell ? cellRect(hit.trueClass, hit.predictedClass)
                                  : hit.predictedClass < 0 ? rowHeaderRect(hit.trueClass) : columnHeaderRect(hit.predictedClass);
        QToolTip::showText(help->globalPos(), text, this, area);
        return true;
    }
    return QWidget::event(event);
}

void ConfusionMatrixView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_layout.reset();
}

void ConfusionMatrixView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::LanguageChange)
        invalidateLayout();
    else if (event->type() == QEvent::PaletteChange)
        update();
}

void ConfusionMatrixView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    const Hit hit = hitTest(event->position().toPoint());
    if (!hit.valid())
        return;
    setSelection(hit.trueClass, hit.predictedClass);
    Q_EMIT cellActivated(hit.trueClass, hit.predictedClass);
}

void ConfusionMatrixView::mouseMoveEvent(QMouseEvent *event)
{
    const Hit hit = hitTest(event->position().toPoint());
    if (hit.trueClass != m_hover.trueClass || hit.predictedClass != m_hover.predictedClass) {
        m_hover = hit;
        update();
    }
    QWidget::mouseMoveEvent(event);
}

void ConfusionMatrixView::leaveEvent(QEvent *event)
{
    m_hover = {};
    update();
    QWidget::leaveEvent(event);
}

void ConfusionMatrixView::keyPressEvent(QKeyEvent *event)
{
    if (!hasMatrix()) {
        QWidget::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
    case Qt::Key_Left: moveSelection(0, -1); break;
    case Qt::Key_Right: moveSelection(0, 1); break;
    case Qt::Key_Up: moveSelection(-1, 0); break;
    case Qt::Key_Down: moveSelection(1, 0); break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_selectedTrue >= 0 || m_selectedPredicted >= 0)
            Q_EMIT cellActivated(m_selectedTrue, m_selectedPredicted);
        break;
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

// ---- painting

void ConfusionMatrixView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    paint(painter, layout(), rect());
}

void ConfusionMatrixView::paint(QPainter &painter, const Layout &l, const QRect &bounds) const
{
    painter.fillRect(bounds, palette().base());
    painter.setFont(l.textFont);
    if (!hasMatrix()) {
        painter.setPen(palette().placeholderText().color());
        painter.drawText(bounds.adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap,
                         m_problem.isEmpty() ? m_emptyText : m_problem);
        return;
    }

    const int gap = l.cell >= 8 ? 1 : 0; // white lines between cells while there is room for them
    painter.setFont(l.cellFont);
    for (int t = 0; t < m_classes; ++t)
        for (int p = 0; p < m_classes; ++p) {
            const QRect r = cellRect(l, t, p).adjusted(0, 0, -gap, -gap);
            const QColor colour = cellColour(t, p);
            painter.fillRect(r, colour);
            if (l.cellText) {
                // Zeros are there to be read, not to compete with the numbers that matter.
                painter.setPen(value(t, p) == 0 ? QColor(0x9a, 0x9a, 0x9a) : textColourOn(colour));
                painter.drawText(r, Qt::AlignCenter, cellText(t, p));
            }
        }

    paintHeaders(painter, l);
    paintLegend(painter, l);

    // The hovered place, then the selected one over it.
    auto area = [&](int t, int p) {
        if (t >= 0 && p >= 0)
            return cellRect(l, t, p);
        if (t >= 0)
            return QRect(l.grid.left(), cellRect(l, t, 0).top(), l.grid.width(), l.cell);
        return QRect(cellRect(l, 0, p).left(), l.grid.top(), l.cell, l.grid.height());
    };
    if (m_hover.valid() && (m_hover.trueClass != m_selectedTrue || m_hover.predictedClass != m_selectedPredicted))
        paintOutline(painter, area(m_hover.trueClass, m_hover.predictedClass).adjusted(0, 0, -gap, -gap), false);
    if (m_selectedTrue >= 0 || m_selectedPredicted >= 0)
        paintOutline(painter, area(m_selectedTrue, m_selectedPredicted).adjusted(0, 0, -gap, -gap), true);
}

void ConfusionMatrixView::paintHeaders(QPainter &painter, const Layout &l) const
{
    const QColor text = palette().text().color();
    const QFontMetrics metrics(l.headerFont);
    auto fontFor = [&](bool selected) {
        QFont f = l.headerFont;
        f.setBold(selected);
        return f;
    };
    auto highlight = [&](const QRect &r) {
        QColor c = palette().highlight().color();
        c.setAlpha(60);
        painter.fillRect(r, c);
    };
    painter.setPen(text);

    for (int t = 0; t < m_classes; ++t) {
        const bool selected = m_selectedTrue == t && m_selectedPredicted < 0;
        const bool marked = selected || m_hover.trueClass == t || m_selectedTrue == t;
        if (t % l.labelStep != 0 && !marked)
            continue;
        const QRect r = rowHeaderRect(l, t);
        if (selected)
            highlight(r);
        painter.setFont(fontFor(selected));
        painter.drawText(r.adjusted(2, 0, -6, 0), Qt::AlignRight | Qt::AlignVCenter,
                         metrics.elidedText(name(t), Qt::ElideRight, r.width() - 8));
    }
    for (int p = 0; p < m_classes; ++p) {
        const bool selected = m_selectedPredicted == p && m_selectedTrue < 0;
        const bool marked = selected || m_hover.predictedClass == p || m_selectedPredicted == p;
        if (p % l.labelStep != 0 && !marked)
            continue;
        const QRect r = columnHeaderRect(l, p);
        if (selected)
            highlight(r);
        painter.setFont(fontFor(selected));
        const QString elided = metrics.elidedText(name(p), Qt::ElideRight, l.rotatedColumnNames ? r.height() - 8 : r.width() - 2);
        if (!l.rotatedColumnNames) {
            painter.drawText(r.adjusted(0, 0, 0, -3), Qt::AlignHCenter | Qt::AlignBottom, elided);
            continue;
        }
        // Upright, read bottom to top, starting next to the cells.
        painter.save();
        painter.translate(r.center().x() + 1, r.bottom() - 4);
        painter.rotate(-90);
        painter.drawText(QRect(0, -r.width() / 2, r.height() - 4, r.width()), Qt::AlignLeft | Qt::AlignVCenter, elided);
        painter.restore();
    }

    // The axis titles.
    painter.setFont(l.textFont);
    painter.setPen(palette().placeholderText().color().darker(130));
    const int titleTop = l.grid.top() - l.columnHeaderHeight - l.frame.axisTitle;
    painter.drawText(QRect(l.grid.left() - 40, titleTop, l.grid.width() + 80, l.frame.axisTitle), Qt::AlignCenter,
                     tr("Predicted class"));
    painter.save();
    painter.translate(l.grid.left() - l.frame.rowHeaderWidth - l.frame.axisTitle / 2, l.grid.center().y());
    painter.rotate(-90);
    painter.drawText(QRect(-l.grid.height() / 2 - 40, -l.frame.axisTitle / 2, l.grid.height() + 80, l.frame.axisTitle), Qt::AlignCenter,
                     tr("True class"));
    painter.restore();
}

void ConfusionMatrixView::paintLegend(QPainter &painter, const Layout &l) const
{
    const std::vector<LegendSection> sections = legendSections();
    const QFontMetrics metrics(l.textFont);
    const int line = metrics.height();
    const int spacing = line;
    const int count = int(sections.size());
    const int sectionHeight = (l.legend.height() - spacing * (count - 1)) / count;
    painter.setFont(l.textFont);
    for (int i = 0; i < count; ++i) {
        const LegendSection &s = sections[size_t(i)];
        const int top = l.legend.top() + i * (sectionHeight + spacing);
        painter.setPen(palette().text().color());
        painter.drawText(QRect(l.legend.left(), top, l.legend.width() + 40, line), Qt::AlignLeft | Qt::AlignVCenter, s.title);
        const QRect strip(l.legend.left(), top + line + 2, kStripWidth, std::max(2, sectionHeight - line - 2));
        const bool diverging = s.scale == Scale::Difference;
        // Top is the largest value; a diverging strip runs from +max through 0 to −max. A
        // gradient rather than lines of pixels, so that a PDF has no seams.
        QLinearGradient gradient(strip.topLeft(), strip.bottomLeft());
        constexpr int steps = 32;
        for (int step = 0; step <= steps; ++step) {
            const double fromTop = double(step) / steps;
            const double fraction = diverging ? 1 - 2 * fromTop : 1 - fromTop;
            gradient.setColorAt(fromTop, scaleColour(s.scale, fraction));
        }
        painter.fillRect(strip, gradient);
        painter.setPen(QColor(0, 0, 0, 60));
        painter.drawRect(strip.adjusted(0, 0, -1, -1));
        painter.setPen(palette().text().color());
        const QRect labels(strip.right() + 5, strip.top() - 1, l.legend.width(), strip.height() + 2);
        painter.drawText(labels, Qt::AlignLeft | Qt::AlignTop, s.top);
        painter.drawText(labels, Qt::AlignLeft | Qt::AlignBottom, s.bottom);
        if (!s.middle.isEmpty())
            painter.drawText(labels, Qt::AlignLeft | Qt::AlignVCenter, s.middle);
    }
}

// A dark line with a white one inside, so that it shows on light and dark cells alike.
void ConfusionMatrixView::paintOutline(QPainter &painter, const QRect &rect, bool strong) const
{
    painter.save();
    painter.setBrush(Qt::NoBrush);
    const int width = strong ? 3 : 2;
    QPen dark(strong ? QColor(0x11, 0x11, 0x11) : QColor(0x44, 0x44, 0x44), width);
    dark.setJoinStyle(Qt::MiterJoin);
    painter.setPen(dark);
    painter.drawRect(QRectF(rect).adjusted(width / 2.0, width / 2.0, -width / 2.0, -width / 2.0));
    if (rect.width() > 2 * width + 2) {
        painter.setPen(QPen(Qt::white, 1));
        painter.drawRect(QRectF(rect).adjusted(width + 0.5, width + 0.5, -width - 0.5, -width - 0.5));
    }
    painter.restore();
}

// ---- export

bool ConfusionMatrixView::saveImage(const QString &path) const
{
    // A view that was never laid out (made only to be saved) draws at its preferred size.
    const QSize size = isVisible() || testAttribute(Qt::WA_Resized) ? this->size() : sizeHint();
    const Layout l = size == this->size() ? layout() : computeLayout(size);
    const QRect bounds(QPoint(0, 0), size);
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) {
        constexpr int scale = 2; // sharp on high-density screens and in documents
        QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(scale);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::TextAntialiasing);
        paint(painter, l, bounds);
        painter.end();
        return image.save(path, "PNG");
    }
    if (suffix == QLatin1String("pdf")) {
        QPdfWriter writer(path);
        writer.setPageSize(QPageSize(QSizeF(size), QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setCreator(QStringLiteral("MLOps Workbench"));
        QPainter painter;
        if (!painter.begin(&writer))
            return false;
        painter.scale(double(writer.width()) / size.width(), double(writer.height()) / size.height());
        paint(painter, l, bounds);
        return painter.end();
    }
    if (suffix == QLatin1String("svg"))
        return saveSvg(path, size, tr("Confusion matrix"), [&](QPainter &painter) { paint(painter, l, bounds); });
    return false;
}

} // namespace mlwb
