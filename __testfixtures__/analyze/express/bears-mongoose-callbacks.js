// routes for the bear API (express 4 + mongoose callbacks)
var express = require('express');
var Bear = require('./app/models/bear');

var router = express.Router();

router.use(function (req, res, next) {
  console.log('Something is happening.');
  next();
});

router.route('/bears')
  .post(function (req, res) {
    var bear = new Bear();
    bear.name = req.body.name;

    bear.save(function (err) {
      if (err) res.send(err); // expect: leaked-exception, error-in-2xx

      res.json({ message: 'Bear created!' });
    });
  })
  .get(function (req, res) {
    Bear.find(function (err, bears) {
      if (err) res.send(err); // expect: leaked-exception, error-in-2xx

      res.json(bears);
    });
  });

router.route('/bears/:bear_id')
  .get(function (req, res) {
    Bear.findById(req.params.bear_id, function (err, bear) {
      if (err) return res.status(500).send(err); // expect: leaked-exception
      if (!bear) return res.status(404).json({ message: 'Bear not found' });
      res.json(bear);
    });
  })
  .put(function (req, res) {
    Bear.findById(req.params.bear_id, function (err, bear) {
      if (err) return res.status(500).json({ error: err }); // expect: leaked-exception
      bear.name = req.body.name;
      bear.save(function (er) {
        if (er) return res.status(500).json({ message: 'Could not update bear: ' + er.message }); // expect: leaked-exception
        res.json({ message: 'Bear updated!' });
      });
    });
  })
  .delete(function (req, res, next) {
    Bear.deleteOne({ _id: req.params.bear_id }, function (err) {
      if (err) return next(err);
      res.json({ message: 'Successfully deleted' });
    });
  });

module.exports = router;
