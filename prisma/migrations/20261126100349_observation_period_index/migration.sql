-- CreateIndex
CREATE INDEX "Observation_indicatorId_periodStart_periodEnd_idx" ON "Observation"("indicatorId", "periodStart", "periodEnd");
