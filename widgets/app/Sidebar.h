#pragma once
#include <QListWidget>

namespace mlwb {

// The page list on the left: one row per page, icon and name, in the order of a model's
// life. Selecting a row asks the window to show that page (currentRowChanged).
class Sidebar : public QListWidget {
    Q_OBJECT
public:
    explicit Sidebar(QWidget *parent = nullptr);
    void addPage(const QIcon &icon, const QString &name, const QString &shortcutText);
    QSize sizeHint() const override;
};

} // namespace mlwb
