// What the Evaluate page costs a user on a real test set (issue 7's closing figures): opens
// the page on a workspace's model, as the window does, and measures
//  - open: from creating the page to the stored evaluation drawn (data set and per-sample
//    file read off the UI thread, then the matrix, tables and galleries filled);
//  - cell: a click on the largest off-diagonal cell and on a whole row, until the gallery
//    has its images and has painted once;
//  - scroll: the failure gallery showing every test image (10,000 for MNIST), scrolled from
//    top to bottom one page at a time with a repaint each step.
// Prints one JSON line on stdout.
//   mlwb_bench_evaluate WORKSPACE [MODEL_ID]   (default: the newest model)
#include "AppContext.h"
#include "evaluation/ConfusionMatrixView.h"
#include "evaluation/EvaluatePage.h"
#include "evaluation/GalleryModel.h"
#include "evaluation/GalleryView.h"
#include "jobs/JobManager.h"
#include "registry/ModelRegistry.h"
#include "store/Workspace.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>

#include <cstdio>

using namespace mlwb;

namespace {

double ms(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// Clicks a cell and waits until the gallery painted its first screen.
double timeCell(EvaluatePage &page, int trueClass, int predictedClass)
{
    QElapsedTimer timer;
    timer.start();
    page.showCell(trueClass, predictedClass);
    page.cellGallery()->viewport()->repaint();
    return ms(timer);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: mlwb_bench_evaluate WORKSPACE [MODEL_ID]\n");
        return 2;
    }
    AppContext context;
    context.workspace = Workspace::open(args[1]);
    JobManager jobs;
    context.jobs = &jobs;
    const QList<ModelVersion> models = ModelRegistry(*context.workspace).list();
    if (models.isEmpty()) {
        std::fprintf(stderr, "mlwb_bench_evaluate: %s has no model versions\n", qPrintable(args[1]));
        return 1;
    }
    const qint64 modelId = args.size() > 2 ? args[2].toLongLong() : models.first().id;

    QElapsedTimer open;
    open.start();
    EvaluatePage page(context);
    QSignalSpy shown(&page, &EvaluatePage::evaluationShown);
    page.resize(1240, 760);
    page.show();
    page.showModel(modelId);
    if (!page.opened() && !shown.wait(60000)) {
        std::fprintf(stderr, "mlwb_bench_evaluate: model %lld has no stored evaluation to open\n", qint64(modelId));
        return 1;
    }
    QApplication::processEvents();
    const double openMs = ms(open);

    // The largest mistake cell, and the row of the largest class.
    const ConfusionMatrix &cm = page.opened()->samples->report.confusion;
    int worstTrue = 0, worstPredicted = 1, biggestRow = 0;
    for (int t = 0; t < cm.numClasses(); ++t) {
        if (cm.support(t) > cm.support(biggestRow))
            biggestRow = t;
        for (int p = 0; p < cm.numClasses(); ++p)
            if (t != p && cm.at(t, p) > cm.at(worstTrue, worstPredicted))
                worstTrue = t, worstPredicted = p;
    }
    timeCell(page, worstTrue, worstPredicted); // warm: fonts, first paint
    const double cellMs = timeCell(page, worstTrue, worstPredicted);
    const double rowMs = timeCell(page, biggestRow, -1);

    // Every test image in one gallery, scrolled page by page.
    page.tabs()->setCurrentIndex(EvaluatePage::FailuresTab);
    GalleryView *gallery = page.failureGallery();
    std::vector<qsizetype> all(size_t(page.opened()->samples->size()));
    for (size_t i = 0; i < all.size(); ++i)
        all[i] = qsizetype(i);
    gallery->galleryModel()->setPositions(all);
    // The view lays its items out in batches from the event loop: wait until that is done.
    QScrollBar *bar = gallery->verticalScrollBar();
    for (int stable = 0, last = -1; stable < 20;) {
        QApplication::processEvents();
        stable = bar->maximum() == last ? stable + 1 : 0;
        last = bar->maximum();
    }
    const int step = std::max(1, bar->pageStep());
    int repaints = 0;
    QElapsedTimer scroll;
    scroll.start();
    for (int value = 0; value <= bar->maximum(); value += step) {
        bar->setValue(value);
        gallery->viewport()->repaint();
        ++repaints;
    }
    const double scrollMs = ms(scroll);

    const QJsonObject result{{QStringLiteral("model"), modelId},
                             {QStringLiteral("testImages"), qint64(all.size())},
                             {QStringLiteral("openMs"), openMs},
                             {QStringLiteral("cellMs"), cellMs},
                             {QStringLiteral("cellImages"), qint64(cm.at(worstTrue, worstPredicted))},
                             {QStringLiteral("rowMs"), rowMs},
                             {QStringLiteral("rowImages"), cm.support(biggestRow)},
                             {QStringLiteral("scrollPassMs"), scrollMs},
                             {QStringLiteral("scrollRepaints"), repaints},
                             {QStringLiteral("msPerRepaint"), repaints ? scrollMs / repaints : 0.0},
                             {QStringLiteral("platform"), QGuiApplication::platformName()}};
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
