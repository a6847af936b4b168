const { Router } = require('express');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const router = Router();

router.get('/', async (req, res) => {
  const { rows } = await pool.query('SELECT id, title, body, created_at FROM notes ORDER BY created_at LIMIT 100');
  res.json({ items: rows });
});

router.post('/', async (req, res) => {
  const { rows } = await pool.query('INSERT INTO notes (title, body) VALUES ($1, $2) RETURNING *', [
    req.body.title,
    req.body.body,
  ]);
  res.status(201).json(rows[0]);
});

router.get('/:id', async (req, res, next) => {
  const { rows } = await pool.query('SELECT * FROM notes WHERE id = $1', [req.params.id]);
  if (rows.length === 0) return next(Object.assign(new Error('Note not found'), { status: 404, expose: true, code: 'NOTES_NOT_FOUND' }));
  res.json(rows[0]);
});

module.exports = router;
