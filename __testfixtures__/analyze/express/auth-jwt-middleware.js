const jwt = require('jsonwebtoken');
const config = require('../config/auth.config.js');
const db = require('../models');

const User = db.user;
const Role = db.role;

const verifyToken = (req, res, next) => {
  const token = req.headers['x-access-token'];

  if (!token) {
    return res.status(403).send({ message: 'No token provided!' }); // expect: auth-status-mismatch
  }

  jwt.verify(token, config.secret, (err, decoded) => {
    if (err) {
      return res.status(401).send({ message: 'Unauthorized!' });
    }
    req.userId = decoded.id;
    next();
  });
};

const isAdmin = (req, res, next) => {
  User.findById(req.userId).exec((err, user) => {
    if (err) {
      res.status(500).send({ message: err }); // expect: leaked-exception
      return;
    }

    Role.find({ _id: { $in: user.roles } }, (err, roles) => {
      if (err) {
        res.status(500).send({ message: err }); // expect: leaked-exception
        return;
      }

      for (let i = 0; i < roles.length; i++) {
        if (roles[i].name === 'admin') {
          next();
          return;
        }
      }

      res.status(403).send({ message: 'Require Admin Role!' });
    });
  });
};

const isModerator = (req, res, next) => {
  User.findById(req.userId).exec((err, user) => {
    if (err) {
      return next(err);
    }
    Role.find({ _id: { $in: user.roles } }, (err, roles) => {
      if (err) return next(err);
      if (roles.some((role) => role.name === 'moderator')) {
        return next();
      }
      res.status(401).send({ message: 'Require Moderator Role!' }); // expect: auth-status-mismatch
    });
  });
};

const authJwt = { verifyToken, isAdmin, isModerator };
module.exports = authJwt;
