const express = require('express');
const mongoose = require('mongoose');
const { notFound, handleError } = require('./utils/respond');

const app = express();
app.use(express.json());

mongoose.connect(process.env.MONGO_URI);

app.use('/api/users', require('./routes/users'));
app.use('/api/orders', require('./routes/orders'));
app.use('/api/invoices', require('./routes/invoices'));

app.use(notFound);

// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  handleError(res, err);
});

const PORT = process.env.PORT || 5000;
app.listen(PORT, () => console.log(`Server running on port ${PORT}`));
