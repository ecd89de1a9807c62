// The window's inference API switch: off by default; on, it serves the production model over
// HTTP on loopback and every answer is a stored sample; off again, it stops; without a
// production model it says so and stays off.
#include "AppContext.h"
#include "jobs/TrainJob.h"
#include "production/ApiSwitch.h"
#include "production/SampleStore.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"
#include "store/Workspace.h"
#include "unit/jobs/TinyModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;

class TestApiSwitch : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    WorkspacePtr m_workspace;
    qint64 m_model = 0;
    QNetworkAccessManager m_network;

    QNetworkReply *waitFor(QNetworkReply *reply)
    {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        return reply;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_workspace = Workspace::open(m_dir.filePath(QStringLiteral("ws")));
        m_model = testing::trainTinyModel(m_workspace, m_dir.path());
    }

    void withoutAProductionModelItStaysOff()
    {
        ApiSwitch api;
        api.setPort(0);
        api.setWorkspace(m_workspace);
        QVERIFY(!api.isChecked());
        api.setChecked(true);
        QVERIFY(!api.isChecked());
        QVERIFY(!api.isServing());
        QVERIFY(api.text().contains(QStringLiteral("off")));
        bool warned = false;
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *box = qobject_cast<QMessageBox *>(w)) {
                warned = box->text().contains(QStringLiteral("production"));
                box->close();
            }
        QVERIFY(warned);
    }

    void servesTheProductionModelAndStoresEveryAnswer()
    {
        ModelRegistry(*m_workspace).promote(m_model, Gates{0.0, 1'000'000, false});
        ApiSwitch api;
        api.setPort(0);
        api.setWorkspace(m_workspace);
        QSignalSpy serving(&api, &ApiSwitch::servingChanged);
        api.setChecked(true);
        QVERIFY(api.isServing());
        QCOMPARE(serving.size(), 1);
        const QUrl base(api.url());

        QNetworkReply *health = waitFor(m_network.get(QNetworkRequest(base.resolved(QUrl(QStringLiteral("/v1/health"))))));
        QCOMPARE(health->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(QJsonDocument::fromJson(health->readAll()).object().value(QStringLiteral("model")).toInteger(), m_model);

        const qint64 before = SampleStore(*m_workspace).count({});
        QJsonArray pixels;
        for (int i = 0; i < 784; ++i)
            pixels.append(i % 28 == 14 ? 1.0 : 0.0); // a vertical bar
        QNetworkRequest post(base.resolved(QUrl(QStringLiteral("/v1/predict"))));
        post.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *answer = waitFor(m_network.post(post, QJsonDocument(QJsonObject{{QStringLiteral("pixels"), pixels}}).toJson()));
        QCOMPARE(answer->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonObject json = QJsonDocument::fromJson(answer->readAll()).object();
        const qint64 sampleId = json.value(QStringLiteral("sample")).toInteger();
        QCOMPARE(SampleStore(*m_workspace).count({}), before + 1);
        const auto stored = SampleStore(*m_workspace).sample(sampleId);
        QVERIFY(stored);
        QCOMPARE(stored->predicted, json.value(QStringLiteral("label")).toInt());
        QCOMPARE(stored->source, SampleSource::Api);

        api.setChecked(false);
        QVERIFY(!api.isServing());
        QCOMPARE(api.text(), QStringLiteral("API: off"));
        QNetworkReply *refused = waitFor(m_network.get(QNetworkRequest(base.resolved(QUrl(QStringLiteral("/v1/health"))))));
        QVERIFY(refused->error() != QNetworkReply::NoError);
    }
};

QTEST_MAIN(TestApiSwitch)
#include "test_api_switch.moc"
