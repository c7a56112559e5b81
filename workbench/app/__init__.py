"""The Streamlit app: a thin shell (app.py), one file per page under pages/, shared helpers beside them."""
