#pragma once
#include "evaluation/Metrics.h"

#include <QFont>
#include <QWidget>

#include <optional>
#include <utility>
#include <vector>

namespace mlwb {

// A confusion matrix as a clickable heat map: rows are the true class, columns the
// prediction, a number in every cell that is big enough for one. Correct answers (the
// diagonal) and errors get their own hue and their own scale, so that a handful of errors
// still shows next to a thousand correct answers. A difference of two models (B − A) is drawn
// in diverging colours instead.
//
// Clicking a cell, a row header or a column header selects it and emits cellActivated (-1
// stands for "the whole row / column"); the arrow keys move the selection, Enter activates it.
class ConfusionMatrixView : public QWidget {
    Q_OBJECT
public:
    enum class Mode {
        Counts,        // images per cell
        RowNormalised, // each cell as its share of the true class (recall on the diagonal)
    };

    explicit ConfusionMatrixView(QWidget *parent = nullptr);

    // classNames names the rows and columns; missing names show as the class index.
    void setMatrix(const ConfusionMatrix &matrix, const QStringList &classNames);
    // Shows b − a. Two matrices of different sizes cannot be compared: the view then shows
    // why instead of a matrix.
    void setDifference(const ConfusionMatrix &a, const ConfusionMatrix &b, const QStringList &classNames);
    void clear(); // back to the empty state

    bool hasMatrix() const { return m_classes > 0; }
    bool isDifference() const { return m_difference; }
    int numClasses() const { return m_classes; }
    QStringList classNames() const { return m_names; }

    void setMode(Mode mode); // ignored while a difference is shown
    Mode mode() const { return m_mode; }

    void setEmptyText(const QString &text); // the hint shown while there is no matrix
    QString emptyText() const { return m_emptyText; }

    // What a cell shows: "12", "40.0%" or "+3" / "−2" / "0" (difference).
    QString cellText(int trueClass, int predictedClass) const;
    // "True 4 → predicted 9: 12 images (1.2% of the row)".
    QString cellToolTip(int trueClass, int predictedClass) const;
    QColor cellColour(int trueClass, int predictedClass) const;
    // False when the cells are too small for their numbers (many classes, small widget);
    // the tooltips still tell.
    bool showsCellText() const;

    // Geometry in widget coordinates; empty rectangles for indices out of range.
    QRect cellRect(int trueClass, int predictedClass) const;
    QRect rowHeaderRect(int trueClass) const;
    QRect columnHeaderRect(int predictedClass) const;
    // The (true, predicted) cell under a point, none outside the cells.
    std::optional<std::pair<int, int>> cellAt(const QPoint &point) const;

    // The selected cell, or a whole row (column -1) or column (row -1); both -1 when none.
    int selectedTrueClass() const { return m_selectedTrue; }
    int selectedPredictedClass() const { return m_selectedPredicted; }
    void setSelection(int trueClass, int predictedClass); // selects without emitting
    void clearSelection();

    // The view as drawn now, as PNG (.png) or PDF (.pdf). False when the suffix is neither
    // or the file cannot be written.
    bool saveImage(const QString &path) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void cellActivated(int trueClass, int predictedClass);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    // The parts around the cells, which do not depend on the widget's size.
    struct Frame {
        int margin = 8;
        int axisTitle = 0;      // height of "Predicted class", width of the upright "True class"
        int widestName = 0;
        int rowHeaderWidth = 0;
        int flatHeaderHeight = 0;    // column names written across
        int rotatedHeaderHeight = 0; // column names written upwards, when they are wider than a cell
        int legendWidth = 0;
        int columnHeaderHeight(int cell) const { return widestName + 6 <= cell ? flatHeaderHeight : rotatedHeaderHeight; }
    };
    // Where everything goes for one widget size; computed once per size, font and content.
    // Fonts have pixel sizes, so that a PDF page scaled to the widget's size looks the same.
    struct Layout {
        QSize size; // the widget size it is for
        Frame frame;
        QRect grid; // the K×K cells
        int cell = 0;
        int columnHeaderHeight = 0;
        bool rotatedColumnNames = false;
        int labelStep = 1; // every n-th class name when the names are taller than a cell
        QFont textFont;
        QFont headerFont;
        QFont cellFont;
        bool cellText = false;
        QRect legend; // the colour strips with their labels
    };
    // One colour strip of the legend: its title and the values at its ends (and middle).
    enum class Scale { Correct, Errors, Difference };
    struct LegendSection {
        Scale scale;
        QString title;
        QString top;
        QString middle; // only for the difference's zero
        QString bottom;
    };
    struct Hit {
        int trueClass = -1;
        int predictedClass = -1;
        bool valid() const { return trueClass >= 0 || predictedClass >= 0; }
    };

    Frame frame(const QFontMetrics &metrics) const;
    std::vector<LegendSection> legendSections() const;
    Layout computeLayout(const QSize &size) const;
    const Layout &layout() const;
    void invalidateLayout();
    QRect cellRect(const Layout &layout, int trueClass, int predictedClass) const;
    QRect rowHeaderRect(const Layout &layout, int trueClass) const;
    QRect columnHeaderRect(const Layout &layout, int predictedClass) const;
    Hit hitTest(const QPoint &point) const;
    QString headerToolTip(const Hit &hit) const;
    QSize preferredSize(int cell) const;

    void paint(QPainter &painter, const Layout &layout, const QRect &bounds) const;
    void paintHeaders(QPainter &painter, const Layout &layout) const;
    void paintLegend(QPainter &painter, const Layout &layout) const;
    void paintOutline(QPainter &painter, const QRect &rect, bool strong) const;

    QColor scaleColour(Scale scale, double fraction) const; // fraction in [-1, 1] of the scale's largest value
    QString name(int index) const;
    QString percent(double share) const;
    void updateScales();
    qint64 value(int trueClass, int predictedClass) const; // the count, or b − a
    double share(int trueClass, int predictedClass) const; // of the row in matrix (B for a difference); -1 for an empty row
    void setData(const ConfusionMatrix &a, const ConfusionMatrix *b, const QStringList &classNames);
    void moveSelection(int dRow, int dColumn);

    ConfusionMatrix m_matrix; // the one shown, or A of a difference
    ConfusionMatrix m_other;  // B of a difference
    bool m_difference = false;
    int m_classes = 0;
    QStringList m_names;
    Mode m_mode = Mode::Counts;
    QString m_emptyText;
    QString m_problem; // shown instead of the empty text when a difference cannot be drawn
    // The scales: the largest diagonal and off-diagonal values of what is shown (counts,
    // shares, or the largest |b − a|).
    double m_diagonalMax = 0;
    double m_errorMax = 0;
    double m_differenceMax = 0;

    Hit m_hover;
    int m_selectedTrue = -1;
    int m_selectedPredicted = -1;

    mutable std::optional<Layout> m_layout;
};

} // namespace mlwb
