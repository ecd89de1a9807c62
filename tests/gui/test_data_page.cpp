#include "AppContext.h"
#include "data/AugmentPanel.h"
#include "data/DataPage.h"
#include "data/ImportDialog.h"
#include "data/SampleBrowser.h"
#include "data/SampleImage.h"
#include "data/SampleModel.h"
#include "jobs/JobManager.h"
#include "store/DatasetStore.h"
#include "store/Workspace.h"
#include "unit/data/DataFixtures.h"

#include <QComboBox>
#include <QDir>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;

namespace {

// 3 classes of 14×14 noise images: 30 train (labels 0,1,2,0,1,2…) and 9 test.
Dataset noiseDataset()
{
    Dataset d;
    d.height = d.width = 14;
    d.classNames = {QStringLiteral("circle"), QStringLiteral("square"), QStringLiteral("star")};
    QRandomGenerator random(7);
    for (int i = 0; i < 39; ++i) {
        for (qsizetype p = 0; p < d.imageBytes(); ++p)
            d.pixels.push_back(std::uint8_t(random.bounded(256)));
        d.labels.push_back(std::uint8_t(i % 3));
        d.subsets.push_back(std::uint8_t(i < 30 ? Subset::Train : Subset::Test));
    }
    return d;
}

} // namespace

class TestDataPage : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    AppContext m_context;
    JobManager m_jobs;
    QString m_storedId;

    QStringList storedIds() const
    {
        QStringList ids;
        for (const DatasetVersion &v : DatasetStore(*m_context.workspace).list())
            ids << v.id;
        return ids;
    }

    // Runs the dialog's import path (what the Import button calls) to its end.
    void runImport(ImportDialog &dialog)
    {
        QSignalSpy finished(dialog.importer(), &DatasetImporter::finished);
        dialog.startImport();
        QVERIFY(finished.count() == 1 || finished.wait(30000));
    }

private Q_SLOTS:
    // CIFAR-10 versions are planar R, G, B: the browser must show them in colour, and grey
    // data sets as grey.
    void planarPixelsBecomeTheRightColours()
    {
        // 2×1 image: a red pixel and a teal one, stored plane by plane.
        const std::uint8_t rgb[] = {255, 0, /* R */ 0, 128, /* G */ 0, 128 /* B */};
        const QImage colour = planarToImage(rgb, 3, 1, 2);
        QCOMPARE(colour.pixelColor(0, 0), QColor(255, 0, 0));
        QCOMPARE(colour.pixelColor(1, 0), QColor(0, 128, 128));
        const std::uint8_t grey[] = {0, 200};
        const QImage mono = planarToImage(grey, 1, 1, 2);
        QCOMPARE(mono.pixelColor(1, 0), QColor(200, 200, 200));
        QCOMPARE(mono.pixelColor(0, 0), QColor(0, 0, 0));
    }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_context.workspace = Workspace::open(m_dir.filePath(QStringLiteral("ws")));
        m_context.jobs = &m_jobs;
        m_storedId = DatasetStore(*m_context.workspace)
                         .save(noiseDataset(), QStringLiteral("shapes"), QStringLiteral("test"), QStringLiteral("/made/by/test"), 0.1, 42)
                         .version.id;
    }

    void listsStoredVersions()
    {
        DataPage page(m_context);
        QStandardItemModel *versions = page.versionsModel();
        QCOMPARE(versions->rowCount(), 1);
        QCOMPARE(versions->item(0, DataPage::NameColumn)->text(), QStringLiteral("shapes"));
        QCOMPARE(versions->item(0, DataPage::VersionColumn)->text(), m_storedId.left(12));
        QCOMPARE(versions->item(0, DataPage::FormatColumn)->text(), QStringLiteral("test"));
        QCOMPARE(versions->item(0)->data(DataPage::IdRole).toString(), m_storedId);
        QVERIFY(!page.loadedDataset()); // nothing is read until a version is selected
    }

    void browsesAndFiltersSamples()
    {
        DataPage page(m_context);
        QSignalSpy loaded(&page, &DataPage::datasetLoaded);
        QVERIFY(page.selectVersion(m_storedId));
        QVERIFY(loaded.wait(10000));
        QCOMPARE(page.loadedId(), m_storedId);

        SampleModel *model = page.browser()->model();
        QCOMPARE(model->rowCount(), 39);
        page.browser()->classFilter()->setCurrentIndex(2); // class 1: "square"
        QCOMPARE(model->rowCount(), 13);
        for (int row = 0; row < model->rowCount(); ++row) {
            QCOMPARE(model->index(row).data(SampleModel::LabelRole).toInt(), 1);
            QCOMPARE(model->index(row).data().toString(), QStringLiteral("square"));
        }
        page.browser()->splitFilter()->setCurrentIndex(2); // test only
        QCOMPARE(model->rowCount(), 3);
        for (int row = 0; row < model->rowCount(); ++row)
            QVERIFY(model->sampleIndex(row) >= 30);
        page.browser()->classFilter()->setCurrentIndex(0);
        QCOMPARE(model->rowCount(), 9);
        // The augmentation tab got the data set too.
        QCOMPARE(page.augmentPanel()->originals().size(), size_t(AugmentPanel::kCount));
    }

    void importsIdxFolderThroughTheDialog()
    {
        QTemporaryDir source;
        const std::vector<int> labels = {3, 1, 4, 1, 5, 9, 2, 6, 5};
        fixtures::writeFile(source.filePath(QStringLiteral("train-images-idx3-ubyte")), fixtures::idxImages(int(labels.size()), 6, 5));
        fixtures::writeFile(source.filePath(QStringLiteral("train-labels-idx1-ubyte")), fixtures::idxLabels(labels));

        DataPage page(m_context);
        ImportDialog dialog(m_context);
        connect(&dialog, &ImportDialog::imported, &page, &DataPage::showImported);
        dialog.setSource(source.path(), SourceFormat::Idx);
        QCOMPARE(dialog.previewCount(), 8); // the first 8 of 9 images, read from the file directly
        dialog.setName(QStringLiteral("tiny"));
        QSignalSpy imported(&dialog, &ImportDialog::imported);
        runImport(dialog);
        QCOMPARE(dialog.lastError(), QString());
        QCOMPARE(imported.count(), 1);
        const auto version = imported.first().first().value<DatasetVersion>();
        QVERIFY(imported.first().at(1).toBool()); // created
        QCOMPARE(version.name, QStringLiteral("tiny"));
        QCOMPARE(version.trainCount + version.testCount, qint64(labels.size()));
        QVERIFY(storedIds().contains(version.id));
        // The page lists and selects the new version.
        QCOMPARE(page.versionsModel()->rowCount(), 2);
        QTRY_COMPARE(page.loadedId(), version.id);
        QCOMPARE(page.browser()->model()->rowCount(), int(labels.size()));

        // The same files again: nothing new, and the dialog says so.
        QSignalSpy again(&dialog, &ImportDialog::imported);
        runImport(dialog);
        QCOMPARE(again.count(), 1);
        QVERIFY(!again.first().at(1).toBool());
        QCOMPARE(storedIds().size(), 2);
    }

    void badIdxImportStoresNothing()
    {
        QTemporaryDir source;
        QByteArray images = fixtures::idxImages(4, 6, 5);
        images.chop(7); // truncated pixel data
        fixtures::writeFile(source.filePath(QStringLiteral("train-images-idx3-ubyte")), images);
        fixtures::writeFile(source.filePath(QStringLiteral("train-labels-idx1-ubyte")), fixtures::idxLabels({1, 2, 3, 4}));
        const QStringList before = storedIds();
        const QStringList foldersBefore = QDir(m_context.workspace->datasetsDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);

        ImportDialog dialog(m_context);
        dialog.setSource(source.path(), SourceFormat::Idx);
        QSignalSpy imported(&dialog, &ImportDialog::imported);
        runImport(dialog);
        QCOMPARE(imported.count(), 0);
        QVERIFY2(dialog.lastError().contains(QStringLiteral("train-images-idx3-ubyte")), qPrintable(dialog.lastError()));
        QCOMPARE(storedIds(), before);
        QCOMPARE(QDir(m_context.workspace->datasetsDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot), foldersBefore);
    }

    void emptyPathIsRefusedAtOnce()
    {
        ImportDialog dialog(m_context);
        runImport(dialog);
        QVERIFY(!dialog.lastError().isEmpty());
        QVERIFY(!dialog.importer()->isRunning());
    }

    void augmentationPreviewRotates()
    {
        AugmentPanel panel;
        QSignalSpy ready(&panel, &AugmentPanel::previewReady);
        panel.setDataset(std::make_shared<const Dataset>(noiseDataset()));
        Augmentation rotate;
        rotate.rotationDegrees = 15;
        rotate.cropProbability = 0;
        rotate.noiseSigma = 0;
        rotate.cropScale = 0.75; // representable in the spin box (2 decimals)
        panel.setAugmentation(rotate);
        // Earlier requests (the default settings) may finish first: wait for this one.
        QTRY_VERIFY_WITH_TIMEOUT(!panel.augmented().empty() && panel.augmentation() == rotate, 20000);
        QCOMPARE(panel.originals().size(), size_t(AugmentPanel::kCount));
        QCOMPARE(panel.augmented().size(), size_t(AugmentPanel::kCount));
        for (int i = 0; i < AugmentPanel::kCount; ++i) {
            QCOMPARE(panel.augmented()[size_t(i)].size(), QSize(14, 14));
            QVERIFY2(panel.augmented()[size_t(i)] != panel.originals()[size_t(i)], qPrintable(QString::number(i)));
        }

        // No augmentation: the images come back unchanged.
        panel.setAugmentation(Augmentation{0, 0, 0.8, 0});
        QTRY_VERIFY_WITH_TIMEOUT(!panel.augmented().empty(), 20000);
        for (int i = 0; i < AugmentPanel::kCount; ++i)
            QCOMPARE(panel.augmented()[size_t(i)], panel.originals()[size_t(i)]);
    }
};

QTEST_MAIN(TestDataPage)
#include "test_data_page.moc"
