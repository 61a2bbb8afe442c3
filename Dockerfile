FROM python:3.11-slim
WORKDIR /app
ENV PIP_NO_CACHE_DIR=1 HF_HUB_OFFLINE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml constraints.txt README.md ./
COPY leadloom ./leadloom
# torch==2.13.0 from the CPU index keeps the image free of CUDA wheels.
RUN pip install --extra-index-url https://download.pytorch.org/whl/cpu -c constraints.txt .
EXPOSE 8000
CMD ["leadloom", "serve"]
