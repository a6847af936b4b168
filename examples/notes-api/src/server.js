const express = require('express');
const notes = require('../routes/notes');

const app = express();
app.use(express.json({ limit: '64kb' }));
app.get('/healthz', (req, res) => res.json({ status: 'ok' }));
app.use('/notes', notes);
app.use((err, req, res, next) => {
  res.status(err.status || 500).type('application/problem+json').send({
    type: 'about:blank',
    title: err.expose ? err.message : 'Internal Server Error',
    status: err.status || 500,
    code: err.code || 'NOTES_INTERNAL',
  });
});

app.listen(Number(process.env.PORT || 8080), process.env.HOST || '127.0.0.1');
