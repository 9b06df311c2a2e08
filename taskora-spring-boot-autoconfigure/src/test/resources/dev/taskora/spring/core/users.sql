create table users (id identity primary key, email varchar(200) not null);
