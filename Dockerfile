# Salesbrain image for docker-compose.yml (api and worker share it).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY connectors ./connectors
COPY nlp ./nlp
COPY knowledge ./knowledge
COPY crm_store ./crm_store
RUN pip install --no-cache-dir '.[all]'
ENV SALESBRAIN_DATA_DIR=/data HF_HUB_OFFLINE=1 MPLBACKEND=Agg
EXPOSE 8000
CMD ["salesbrain", "serve", "--host", "0.0.0.0"]
