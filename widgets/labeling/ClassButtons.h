#pragma once
#include <QStringList>
#include <QWidget>
#include <vector>

class QAbstractButton;

namespace mlwb {

// One button per class, each with the model's probability as a percentage and a small bar:
// the guess has a thick frame, the label given (or recorded) is filled. A click chooses the
// class; the buttons take no focus, so the keys stay with the view around them.
class ClassButtons : public QWidget {
    Q_OBJECT
public:
    explicit ClassButtons(QWidget *parent = nullptr);

    void setClassNames(const QStringList &names);
    // probabilities may be empty (a data set image); guess and chosen −1 for none.
    void showState(const std::vector<float> &probabilities, int guess, int chosen);
    int count() const { return int(m_buttons.size()); }
    QAbstractButton *button(int c) const { return m_buttons[size_t(c)]; }
    int guess() const { return m_guess; }
    int chosen() const { return m_chosen; }

Q_SIGNALS:
    void classClicked(int c);

private:
    std::vector<QAbstractButton *> m_buttons;
    int m_guess = -1, m_chosen = -1;
};

} // namespace mlwb
