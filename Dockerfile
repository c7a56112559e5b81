# The workbench image used by docker-compose.yml (production store: Neo4j through NEO4J_*).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt pyproject.toml ./
RUN pip install --no-cache-dir -r requirements.txt
COPY workbench ./workbench
COPY cypher ./cypher
COPY seed_data ./seed_data
COPY .streamlit ./.streamlit
RUN pip install --no-cache-dir --no-deps -e .
EXPOSE 8501
CMD ["workbench", "up"]
