-- CreateEnum
CREATE TYPE "KeyScope" AS ENUM ('PUBLISH', 'ADMIN');

-- CreateEnum
CREATE TYPE "AuditAction" AS ENUM ('IMPORT', 'CATALOGUE_CHANGED', 'CHART_CREATED', 'CHART_UPDATED', 'KEY_CREATED', 'KEY_REVOKED');

-- AlterEnum
ALTER TYPE "IndicatorCategory" ADD VALUE 'POPULATION';

-- AlterTable
ALTER TABLE "Observation" ADD COLUMN     "importId" INTEGER;

-- AlterTable
ALTER TABLE "SavedChartVersion" ADD COLUMN     "keyId" INTEGER;

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "integer" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "maxValue" DECIMAL(30,8),
ADD COLUMN     "minValue" DECIMAL(30,8);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" SERIAL NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scopes" "KeyScope"[],
    "regions" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" SERIAL NOT NULL,
    "keyId" INTEGER,
    "actor" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "mappingName" TEXT,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rows" INTEGER NOT NULL,
    "added" INTEGER NOT NULL,
    "revised" INTEGER NOT NULL,
    "unchanged" INTEGER NOT NULL,

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" "AuditAction" NOT NULL,
    "keyId" INTEGER,
    "actor" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "details" JSONB NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ImportBatch_recordedAt_idx" ON "ImportBatch"("recordedAt");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_keyId_at_idx" ON "AuditEvent"("keyId", "at");

-- CreateIndex
CREATE INDEX "Observation_importId_idx" ON "Observation"("importId");

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_importId_fkey" FOREIGN KEY ("importId") REFERENCES "ImportBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedChartVersion" ADD CONSTRAINT "SavedChartVersion_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;
